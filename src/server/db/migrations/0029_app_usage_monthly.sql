-- The app's monthly usage rollup (issue 15): raw behaviour events are kept for 180 days, the monthly aggregate per
-- customer for longer, as bank apps' analytics do. Customer-owned (distribution column customer_id).
CREATE TABLE "app_usage_monthly" (
	"customer_id" bigint NOT NULL,
	"month" date NOT NULL,
	"app_opens" integer NOT NULL,
	"fee_page_views" integer NOT NULL,
	CONSTRAINT "app_usage_monthly_customer_id_month_pk" PRIMARY KEY("customer_id","month")
);
