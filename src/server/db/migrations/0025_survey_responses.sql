-- Survey responses (X-data) of the insight console (issue 15, item 5): NPS, CSAT items, the comment with its
-- sentiment and topic tags, the import batch. Customer-owned (distributed by customer_id under Citus).
CREATE TABLE "survey_responses" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "survey_responses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"response_date" date NOT NULL,
	"nps" smallint NOT NULL,
	"csat" jsonb NOT NULL,
	"comment" text NOT NULL,
	"sentiment" text NOT NULL,
	"sentiment_score" numeric(8, 3) NOT NULL,
	"topics" jsonb NOT NULL,
	"tagger" text NOT NULL,
	"batch_id" text NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" text NOT NULL,
	CONSTRAINT "survey_responses_customer_id_id_pk" PRIMARY KEY("customer_id","id"),
	CONSTRAINT "survey_responses_nps_check" CHECK ("nps" BETWEEN 0 AND 10)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_customer_date_idx" ON "survey_responses" USING btree ("customer_id","response_date");
--> statement-breakpoint
CREATE INDEX "survey_responses_batch_idx" ON "survey_responses" USING btree ("batch_id");
