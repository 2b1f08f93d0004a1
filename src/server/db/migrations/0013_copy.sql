CREATE TABLE "copies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "copies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"segment" text NOT NULL,
	"product_code" text NOT NULL,
	"channel" text NOT NULL,
	"ai_generated" boolean NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "copy_versions" (
	"copy_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"findings" jsonb NOT NULL,
	"blocking" integer NOT NULL,
	"status" text NOT NULL,
	"maker_id" bigint NOT NULL,
	"checker_id" bigint,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "copy_versions_copy_id_version_pk" PRIMARY KEY("copy_id","version")
);
--> statement-breakpoint
CREATE INDEX "copy_versions_status_idx" ON "copy_versions" USING btree ("status");
--> statement-breakpoint
CREATE TABLE "copy_outbox" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "copy_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"copy_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"channel" text NOT NULL,
	"text" text NOT NULL,
	"sent_by" bigint NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "copy_outbox_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "content_library" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_library_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" jsonb NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "content_library_kind_idx" ON "content_library" USING btree ("kind");
