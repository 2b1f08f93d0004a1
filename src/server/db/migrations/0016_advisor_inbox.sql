CREATE TABLE "advisor_inbox" (
	"customer_id" bigint NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"product_code" text,
	"text" text NOT NULL,
	"text_en" text NOT NULL,
	"quick_replies" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "advisor_inbox_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE INDEX "advisor_inbox_unread_idx" ON "advisor_inbox" USING btree ("customer_id","read_at");
