CREATE TABLE "risk_assessments" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "risk_assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"taken_on" date NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"questionnaire_id" text NOT NULL,
	"questionnaire_version" text NOT NULL,
	"channel" text NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"max_score" integer NOT NULL,
	"level" text NOT NULL,
	"level_from_score" text NOT NULL,
	"lowest_category" boolean NOT NULL,
	"capped_by" jsonb NOT NULL,
	"horizon_months" integer,
	"experience" jsonb NOT NULL,
	"previous_level" text,
	"level_change" text NOT NULL,
	"status" text NOT NULL,
	"valid_until" date NOT NULL,
	"confirmed_at" timestamp with time zone,
	"policy_version" text NOT NULL,
	CONSTRAINT "risk_assessments_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE INDEX "risk_assessments_customer_taken_idx" ON "risk_assessments" USING btree ("customer_id","taken_on");
