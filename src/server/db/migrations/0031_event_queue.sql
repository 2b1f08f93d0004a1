-- The MOT engine's work queue (issue 14, engagement throughput): a narrow table of the receipts not yet evaluated.
-- Ingestion inserts a row beside each new receipt; the engine claims by deleting rows (FOR UPDATE SKIP LOCKED) in
-- the batch's transaction. A delete writes no new row version and no index entry, where marking
-- `event_receipts.processed_at` wrote a whole new receipt version and its primary-key entry (the partial pending
-- index ruled out HOT updates). The ledger itself becomes insert-only. Deleted rows leave dead entries at the
-- left of the seq index that every claim walks until VACUUM removes them: autovacuum visits the queue after every
-- 10,000 deletions rather than the default 20 % of a (small) table.
CREATE TABLE "event_queue" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_queue_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"type" text NOT NULL,
	"customer_id" bigint,
	"event_id" bigint,
	"received_at" timestamp with time zone NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);
--> statement-breakpoint
INSERT INTO "event_queue" ("key", "type", "customer_id", "event_id", "received_at")
SELECT "key", "type", "customer_id", "event_id", "received_at" FROM "event_receipts"
 WHERE "processed_at" IS NULL ORDER BY "received_at", "key";
--> statement-breakpoint
DROP INDEX "event_receipts_pending_idx";
--> statement-breakpoint
ALTER TABLE "event_receipts" DROP COLUMN "processed_at";
