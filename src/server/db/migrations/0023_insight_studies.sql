-- Insight studies (issue 15): outcome, parameters, status with progress, the stored result; re-runnable.
CREATE TABLE "insight_studies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "insight_studies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"outcome" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" text NOT NULL,
	"progress" numeric(5, 4) DEFAULT '0' NOT NULL,
	"stage" text,
	"result" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "insight_studies_created_idx" ON "insight_studies" USING btree ("created_at");
