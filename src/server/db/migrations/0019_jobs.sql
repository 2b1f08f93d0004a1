-- Durable jobs (issue 14): per-segment refresh schedules and their history (pg-boss keeps its own tables in the
-- "pgboss" schema, installed by pg-boss itself on start).
ALTER TABLE "segments" ADD COLUMN "refresh_cron" text;
--> statement-breakpoint
CREATE TABLE "segment_refreshes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "segment_refreshes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"segment_id" bigint NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"ms" integer NOT NULL,
	"trigger" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "segment_refreshes_segment_scheduled_idx" ON "segment_refreshes" USING btree ("segment_id","scheduled_for");
--> statement-breakpoint
CREATE INDEX "segment_refreshes_segment_at_idx" ON "segment_refreshes" USING btree ("segment_id","at");
