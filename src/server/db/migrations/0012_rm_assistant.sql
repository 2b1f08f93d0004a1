CREATE TABLE "customer_insights" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "customer_insights_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"messages" jsonb NOT NULL,
	"insight" jsonb NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_insights_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "customer_intents" (
	"customer_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "customer_intents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"insight_id" bigint,
	"purpose" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"horizon_months" integer,
	"liquidity" text,
	"risk_appetite" text,
	"constraints" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"created_by" bigint NOT NULL,
	"confirmed_by" bigint,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_intents_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "rm_cards" (
	"customer_id" bigint NOT NULL,
	"token" text NOT NULL,
	"intent_id" bigint NOT NULL,
	"card" jsonb NOT NULL,
	"created_by" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rm_cards_customer_id_token_pk" PRIMARY KEY("customer_id","token")
);
--> statement-breakpoint
CREATE INDEX "rm_cards_token_idx" ON "rm_cards" USING btree ("token");
