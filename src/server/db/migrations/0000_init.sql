CREATE TABLE "advisory_subscriptions" (
	"customer_id" bigint NOT NULL,
	"id" bigint NOT NULL,
	"product_code" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"price_fen" bigint NOT NULL,
	"discount_rate" numeric(5, 4) NOT NULL,
	"coupon_used" boolean NOT NULL,
	"livestream_views" smallint NOT NULL,
	"max_livestream_audience" integer NOT NULL,
	"livestream_2000" boolean NOT NULL,
	"sessions_per_month" numeric(6, 2) NOT NULL,
	"engagement" numeric(6, 4) NOT NULL,
	"price_sensitivity" numeric(6, 4) NOT NULL,
	"portfolio_return" numeric(8, 4) NOT NULL,
	"status" text NOT NULL,
	"renewed" boolean,
	CONSTRAINT "advisory_subscriptions_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"target_kind" text,
	"target" text,
	"customer_id" bigint,
	"request_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"customer_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"granted" boolean NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"text_shown" text NOT NULL,
	CONSTRAINT "consents_customer_id_purpose_channel_pk" PRIMARY KEY("customer_id","purpose","channel")
);
--> statement-breakpoint
CREATE TABLE "customer_identities" (
	"customer_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"value" text NOT NULL,
	"verified" boolean NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "customer_identities_customer_id_channel_value_pk" PRIMARY KEY("customer_id","channel","value")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" bigint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"id_number" text NOT NULL,
	"phone" text NOT NULL,
	"province" text NOT NULL,
	"city" text NOT NULL,
	"city_tier" smallint NOT NULL,
	"county" boolean NOT NULL,
	"occupation" text NOT NULL,
	"education" text NOT NULL,
	"annual_income_fen" bigint NOT NULL,
	"aum_fen" bigint NOT NULL,
	"segment" text NOT NULL,
	"rm_id" integer,
	"org_unit_id" text NOT NULL,
	"risk_level" text NOT NULL,
	"risk_assessed_at" date NOT NULL,
	"lowest_category" boolean NOT NULL,
	"professional" boolean NOT NULL,
	"payroll" boolean NOT NULL,
	"elderly" boolean NOT NULL,
	"car_owner" boolean NOT NULL,
	"onboarded_at" date NOT NULL,
	"status" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"customer_id" bigint NOT NULL,
	"id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "events_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "holdings" (
	"customer_id" bigint NOT NULL,
	"product_code" text NOT NULL,
	"units" numeric(18, 2) NOT NULL,
	"cost_fen" bigint NOT NULL,
	"opened_at" date NOT NULL,
	CONSTRAINT "holdings_customer_id_product_code_pk" PRIMARY KEY("customer_id","product_code")
);
--> statement-breakpoint
CREATE TABLE "index_series" (
	"index_code" text NOT NULL,
	"date" date NOT NULL,
	"close" numeric(14, 4) NOT NULL,
	CONSTRAINT "index_series_index_code_date_pk" PRIMARY KEY("index_code","date")
);
--> statement-breakpoint
CREATE TABLE "indices" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nav" (
	"product_code" text NOT NULL,
	"date" date NOT NULL,
	"unit" numeric(12, 4) NOT NULL,
	"accumulated" numeric(12, 4) NOT NULL,
	"adjusted" numeric(12, 4) NOT NULL,
	"dividend" numeric(12, 4) DEFAULT '0' NOT NULL,
	"income_10k" numeric(12, 4),
	"yield_7d" numeric(8, 4),
	CONSTRAINT "nav_product_code_date_pk" PRIMARY KEY("product_code","date")
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" text PRIMARY KEY NOT NULL,
	"parent_id" text,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"city" text
);
--> statement-breakpoint
CREATE TABLE "products" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"risk_level" text NOT NULL,
	"issuer" text NOT NULL,
	"manager" text NOT NULL,
	"benchmark" text NOT NULL,
	"benchmark_index" text,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"inception_date" date NOT NULL,
	"term_days" integer,
	"maturity_date" date,
	"min_purchase_fen" bigint NOT NULL,
	"purchase_fee_rate" numeric(6, 4) NOT NULL,
	"redemption_fee_rate" numeric(6, 4) NOT NULL,
	"management_fee_rate" numeric(6, 4) NOT NULL,
	"custody_fee_rate" numeric(6, 4) NOT NULL,
	"sales_service_fee_rate" numeric(6, 4) NOT NULL,
	"annual_price_fen" bigint,
	"dividend_policy" text NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_kind" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" integer PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"org_unit_id" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "staff_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"customer_id" bigint NOT NULL,
	"id" bigint NOT NULL,
	"product_code" text NOT NULL,
	"type" text NOT NULL,
	"trade_date" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"units" numeric(18, 2) NOT NULL,
	"nav" numeric(12, 4) NOT NULL,
	"fee_fen" bigint NOT NULL,
	"channel" text NOT NULL,
	CONSTRAINT "transactions_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_rm_id_staff_id_fk" FOREIGN KEY ("rm_id") REFERENCES "public"."staff"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "index_series" ADD CONSTRAINT "index_series_index_code_indices_code_fk" FOREIGN KEY ("index_code") REFERENCES "public"."indices"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nav" ADD CONSTRAINT "nav_product_code_products_code_fk" FOREIGN KEY ("product_code") REFERENCES "public"."products"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_parent_id_org_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_kind","actor_id");--> statement-breakpoint
CREATE INDEX "audit_log_customer_idx" ON "audit_log" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_identities_lookup_idx" ON "customer_identities" USING btree ("channel","value");--> statement-breakpoint
CREATE INDEX "customers_rm_idx" ON "customers" USING btree ("rm_id");--> statement-breakpoint
CREATE INDEX "customers_org_idx" ON "customers" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("name");--> statement-breakpoint
CREATE INDEX "events_type_at_idx" ON "events" USING btree ("type","at");--> statement-breakpoint
CREATE INDEX "org_units_parent_idx" ON "org_units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_kind","user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "staff_org_idx" ON "staff" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "transactions_product_idx" ON "transactions" USING btree ("product_code");