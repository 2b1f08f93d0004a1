CREATE TABLE "wecom_callback_nonces" (
	"nonce" text NOT NULL,
	"timestamp" bigint NOT NULL,
	"signature" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"reply" text,
	CONSTRAINT "wecom_callback_nonces_nonce_timestamp_pk" PRIMARY KEY("nonce","timestamp")
);
--> statement-breakpoint
CREATE INDEX "wecom_callback_nonces_received_idx" ON "wecom_callback_nonces" USING btree ("received_at");
