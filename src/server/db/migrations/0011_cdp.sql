ALTER TABLE "customers" ADD COLUMN "tier" text DEFAULT 'mass' NOT NULL;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "grade" text DEFAULT 'V1' NOT NULL;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "lifecycle" text DEFAULT 'growth' NOT NULL;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "value_score" numeric(10, 2) DEFAULT '0' NOT NULL;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "cdp_refreshed_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "merged_into" bigint;
--> statement-breakpoint
CREATE INDEX "customers_tier_idx" ON "customers" USING btree ("tier");
--> statement-breakpoint
CREATE INDEX "customers_aum_idx" ON "customers" USING btree ("aum_fen");
--> statement-breakpoint
CREATE INDEX "customers_birth_idx" ON "customers" USING btree ("birth_date");
--> statement-breakpoint
CREATE TABLE "tag_definitions" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"rule" jsonb,
	"score" text,
	"threshold" numeric(10, 4),
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_tags" (
	"customer_id" bigint NOT NULL,
	"tag_key" text NOT NULL,
	"source" text NOT NULL,
	"score" numeric(10, 4),
	"set_at" timestamp with time zone NOT NULL,
	"set_by" text NOT NULL,
	"reason" text,
	CONSTRAINT "customer_tags_customer_id_tag_key_pk" PRIMARY KEY("customer_id","tag_key")
);
--> statement-breakpoint
CREATE INDEX "customer_tags_key_idx" ON "customer_tags" USING btree ("tag_key");
--> statement-breakpoint
CREATE TABLE "customer_tag_history" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "customer_tag_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tag_key" text NOT NULL,
	"action" text NOT NULL,
	"source" text NOT NULL,
	"previous" jsonb,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	"reason" text,
	CONSTRAINT "customer_tag_history_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "customer_merges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"merged_customer_id" bigint NOT NULL,
	"rule" text NOT NULL,
	"status" text NOT NULL,
	"moved" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"by" text NOT NULL,
	"reason" text,
	"unmerged_at" timestamp with time zone,
	"unmerged_by" text,
	CONSTRAINT "customer_merges_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
