-- Event ingestion (issue 14): the idempotency ledger, market events, dead letters, ids for ingested events.
CREATE TABLE "event_receipts" (
	"key" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"customer_id" bigint,
	"event_id" bigint,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "event_receipts_pending_idx" ON "event_receipts" USING btree ("received_at") WHERE "processed_at" IS NULL;
--> statement-breakpoint
CREATE TABLE "market_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "market_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"type" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_dead_letters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_dead_letters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"position" integer NOT NULL,
	"raw" text NOT NULL,
	"error" text NOT NULL,
	"replayed_at" timestamp with time zone,
	"replay_error" text
);
--> statement-breakpoint
CREATE INDEX "event_dead_letters_open_idx" ON "event_dead_letters" USING btree ("received_at") WHERE "replayed_at" IS NULL;
--> statement-breakpoint
-- Ingested behaviour events take ids from here, above any id a bulk load (the demo bank) writes.
CREATE SEQUENCE "events_ingest_id_seq" START WITH 1000000000000;
