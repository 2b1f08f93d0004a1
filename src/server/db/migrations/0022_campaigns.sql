-- Campaigns and experiments (issue 14 item 6): definitions, deterministic assignments, exposures from the outbox's
-- outcomes, and measured conversions. Customer-owned tables lead with customer_id (Citus distribution column).
CREATE TABLE "campaigns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"launched_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"measured_at" timestamp with time zone,
	CONSTRAINT "campaigns_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "campaign_assignments" (
	"customer_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"arm" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"pre_purchases" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "campaign_assignments_customer_id_campaign_id_pk" PRIMARY KEY("customer_id","campaign_id")
);
--> statement-breakpoint
CREATE INDEX "campaign_assignments_campaign_idx" ON "campaign_assignments" USING btree ("campaign_id","arm");
--> statement-breakpoint
CREATE TABLE "campaign_exposures" (
	"customer_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"arm" text NOT NULL,
	"outbox_key" text NOT NULL,
	"outbox_id" bigint,
	"status" text NOT NULL,
	"reason" text,
	"scheduled_at" timestamp with time zone,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_exposures_customer_id_campaign_id_pk" PRIMARY KEY("customer_id","campaign_id")
);
--> statement-breakpoint
CREATE INDEX "campaign_exposures_campaign_idx" ON "campaign_exposures" USING btree ("campaign_id","arm","status");
--> statement-breakpoint
CREATE TABLE "campaign_conversions" (
	"customer_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"arm" text NOT NULL,
	"converted_on" date NOT NULL,
	"conversions" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"measured_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_conversions_customer_id_campaign_id_pk" PRIMARY KEY("customer_id","campaign_id")
);
--> statement-breakpoint
CREATE INDEX "campaign_conversions_campaign_idx" ON "campaign_conversions" USING btree ("campaign_id","arm","converted_on");
