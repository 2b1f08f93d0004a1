CREATE TABLE "alert_targets" (
	"customer_id" bigint NOT NULL,
	"product_code" text NOT NULL,
	"take_profit" numeric(8, 4),
	"stop_loss" numeric(8, 4),
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "alert_targets_customer_id_product_code_pk" PRIMARY KEY("customer_id","product_code"),
	CONSTRAINT "alert_targets_take_profit_check" CHECK ("take_profit" IS NULL OR ("take_profit" > 0 AND "take_profit" <= 10)),
	CONSTRAINT "alert_targets_stop_loss_check" CHECK ("stop_loss" IS NULL OR ("stop_loss" < 0 AND "stop_loss" >= -1))
);
