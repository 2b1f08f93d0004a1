-- Reach layer and outbox (issue 14 item 4): the one outbound queue, the consent ledger, contact preferences,
-- what each channel adapter did, and conversions attributed to sent messages. All customer-owned (Citus:
-- distributed by customer_id; every unique key includes it).
CREATE TABLE "outbox" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"title" text,
	"body" text NOT NULL,
	"body_en" text,
	"product_codes" jsonb NOT NULL,
	"source_kind" text NOT NULL,
	"source_ref" text NOT NULL,
	"status" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "outbox_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_customer_key_idx" ON "outbox" USING btree ("customer_id","key");
--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("scheduled_at") WHERE "status" IN ('queued', 'deferred');
--> statement-breakpoint
CREATE INDEX "outbox_customer_scheduled_idx" ON "outbox" USING btree ("customer_id","scheduled_at");
--> statement-breakpoint
CREATE INDEX "outbox_created_idx" ON "outbox" USING btree ("created_at");
--> statement-breakpoint
CREATE TABLE "consent_events" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "consent_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"granted" boolean NOT NULL,
	"text_shown" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	CONSTRAINT "consent_events_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "contact_preferences" (
	"customer_id" bigint PRIMARY KEY NOT NULL,
	"do_not_contact" boolean NOT NULL,
	"non_personalised" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_deliveries" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "channel_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"outbox_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"detail" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_deliveries_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "conversions" (
	"customer_id" bigint NOT NULL,
	"transaction_id" bigint NOT NULL,
	"outbox_id" bigint NOT NULL,
	"product_code" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"at" date NOT NULL,
	"attributed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "conversions_customer_id_transaction_id_pk" PRIMARY KEY("customer_id","transaction_id")
);
--> statement-breakpoint
CREATE INDEX "conversions_outbox_idx" ON "conversions" USING btree ("customer_id","outbox_id");
