CREATE TABLE "advisor_flow_drafts" (
	"org_unit_id" text PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advisor_flow_versions" (
	"org_unit_id" text NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"action" text NOT NULL,
	"source_version" integer,
	"published_by" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "advisor_flow_versions_org_unit_id_version_pk" PRIMARY KEY("org_unit_id","version")
);
--> statement-breakpoint
CREATE TABLE "advisor_ops_generations" (
	"key" text PRIMARY KEY NOT NULL,
	"generation" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "advisor_ops_generations" ("key", "generation") VALUES ('flows', 0), ('model', 0);
--> statement-breakpoint
CREATE TABLE "advisor_review_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "advisor_review_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint,
	"session_id" text,
	"seq" integer,
	"text" text NOT NULL,
	"reason" text NOT NULL,
	"intent" text,
	"confidence" numeric(6, 4),
	"suggested" text,
	"status" text DEFAULT 'open' NOT NULL,
	"label_kind" text,
	"label" text,
	"labelled_by" text,
	"labelled_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "advisor_review_items_message_idx" ON "advisor_review_items" USING btree ("session_id","seq","reason");
--> statement-breakpoint
CREATE INDEX "advisor_review_items_status_idx" ON "advisor_review_items" USING btree ("status","id");
--> statement-breakpoint
CREATE TABLE "advisor_intent_models" (
	"version" integer PRIMARY KEY NOT NULL,
	"model" jsonb NOT NULL,
	"examples" integer NOT NULL,
	"labelled" integer NOT NULL,
	"trained_by" text NOT NULL,
	"trained_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "advisor_kb_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"items" jsonb NOT NULL,
	"action" text NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
INSERT INTO "advisor_ops_generations" ("key", "generation") VALUES ('kb', 0);
