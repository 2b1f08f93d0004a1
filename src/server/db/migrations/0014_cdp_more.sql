CREATE TABLE "nav_latest" (
	"product_code" text PRIMARY KEY NOT NULL,
	"date" date NOT NULL,
	"unit" numeric(12, 4) NOT NULL
);
--> statement-breakpoint
INSERT INTO "nav_latest" ("product_code", "date", "unit")
	SELECT DISTINCT ON ("product_code") "product_code", "date", "unit" FROM "nav" ORDER BY "product_code", "date" DESC;
--> statement-breakpoint
CREATE INDEX "events_type_at_customer_idx" ON "events" USING btree ("type","at","customer_id");
--> statement-breakpoint
DROP INDEX "events_type_at_idx";
--> statement-breakpoint
CREATE TABLE "cdp_strategy_cells" (
	"stage" text NOT NULL,
	"lifecycle" text NOT NULL,
	"text" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "cdp_strategy_cells_stage_lifecycle_pk" PRIMARY KEY("stage","lifecycle")
);
--> statement-breakpoint
CREATE TABLE "cdp_policies" (
	"key" text PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"version" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL
);
