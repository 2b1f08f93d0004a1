CREATE TABLE "advisor_sessions" (
	"customer_id" bigint NOT NULL,
	"id" text NOT NULL,
	"state" jsonb NOT NULL,
	"turns" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "advisor_sessions_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE INDEX "advisor_sessions_id_idx" ON "advisor_sessions" USING btree ("id");
--> statement-breakpoint
CREATE TABLE "advisor_messages" (
	"customer_id" bigint NOT NULL,
	"session_id" text NOT NULL,
	"seq" integer NOT NULL,
	"role" text NOT NULL,
	"text" text NOT NULL,
	"reply" jsonb,
	"annotations" jsonb,
	"error" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "advisor_messages_customer_id_session_id_seq_pk" PRIMARY KEY("customer_id","session_id","seq")
);
--> statement-breakpoint
CREATE TABLE "advisor_handoffs" (
	"customer_id" bigint NOT NULL,
	"id" text NOT NULL,
	"session_id" text NOT NULL,
	"rm_id" integer,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "advisor_handoffs_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE INDEX "advisor_handoffs_rm_idx" ON "advisor_handoffs" USING btree ("rm_id","status");
--> statement-breakpoint
CREATE INDEX "advisor_handoffs_id_idx" ON "advisor_handoffs" USING btree ("id");
--> statement-breakpoint
CREATE TABLE "advisor_tickets" (
	"customer_id" bigint NOT NULL,
	"id" text NOT NULL,
	"session_id" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "advisor_tickets_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
