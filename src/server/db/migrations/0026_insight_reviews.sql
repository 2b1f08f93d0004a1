-- Periodic review of insight studies (issue 15 item 7): a review schedule per saved study, and every review run
-- with its comparison against the previous run (PSI drift, changed drivers), the factor profiles the next review
-- compares with, and the alert raised for operations. One review per study and firing (idempotent job retries).
CREATE TABLE "insight_review_schedules" (
	"study_id" bigint PRIMARY KEY NOT NULL REFERENCES "insight_studies"("id"),
	"cron" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "insight_reviews" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "insight_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"study_id" bigint NOT NULL REFERENCES "insight_studies"("id"),
	"scheduled_for" timestamp with time zone NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"as_of" date NOT NULL,
	"run_study_id" bigint,
	"previous_study_id" bigint,
	"comparison" jsonb,
	"profiles" jsonb,
	"alert" boolean DEFAULT false NOT NULL,
	"alert_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"error" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "insight_reviews_firing_idx" ON "insight_reviews" USING btree ("study_id","scheduled_for");
--> statement-breakpoint
CREATE INDEX "insight_reviews_alert_idx" ON "insight_reviews" USING btree ("alert", "created_at");
