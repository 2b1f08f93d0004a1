-- MOT rules and RM leads (issue 14): rule versions, per-unit switches, the firing ledger, leads and their notes.
CREATE TABLE "mot_rules" (
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "mot_rules_key_version_pk" PRIMARY KEY("key","version")
);
--> statement-breakpoint
CREATE TABLE "mot_rule_switches" (
	"rule_key" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "mot_rule_switches_rule_key_org_unit_id_pk" PRIMARY KEY("rule_key","org_unit_id")
);
--> statement-breakpoint
CREATE TABLE "mot_firings" (
	"customer_id" bigint NOT NULL,
	"dedupe_key" text NOT NULL,
	"rule_key" text NOT NULL,
	"rule_version" integer NOT NULL,
	"trigger_kind" text NOT NULL,
	"fired_at" timestamp with time zone NOT NULL,
	"lead_id" bigint,
	"message_key" text,
	"message_status" text,
	"message_reason" text,
	CONSTRAINT "mot_firings_customer_id_dedupe_key_pk" PRIMARY KEY("customer_id","dedupe_key")
);
--> statement-breakpoint
CREATE INDEX "mot_firings_rule_day_idx" ON "mot_firings" USING btree ("rule_key","fired_at");
--> statement-breakpoint
CREATE TABLE "leads" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "leads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rule_key" text NOT NULL,
	"rule_version" integer NOT NULL,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"lost_reason" text,
	"rm_id" integer,
	"org_unit_id" text NOT NULL,
	"script" text NOT NULL,
	"script_en" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalated_to" integer,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "leads_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "leads_customer_dedupe_idx" ON "leads" USING btree ("customer_id","dedupe_key");
--> statement-breakpoint
CREATE INDEX "leads_rm_status_idx" ON "leads" USING btree ("rm_id","status","due_at");
--> statement-breakpoint
CREATE INDEX "leads_org_status_idx" ON "leads" USING btree ("org_unit_id","status","due_at");
--> statement-breakpoint
CREATE INDEX "leads_id_idx" ON "leads" USING btree ("id");
--> statement-breakpoint
CREATE TABLE "lead_notes" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "lead_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"lead_id" bigint NOT NULL,
	"author_id" integer NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "lead_notes_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE INDEX "lead_notes_lead_idx" ON "lead_notes" USING btree ("customer_id","lead_id");
