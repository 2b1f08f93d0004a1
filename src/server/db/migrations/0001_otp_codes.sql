CREATE TABLE "otp_codes" (
	"phone" text PRIMARY KEY NOT NULL,
	"code_hash" text,
	"expires_at" timestamp with time zone NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"sends" integer NOT NULL,
	"code_attempts" integer NOT NULL,
	"window_attempts" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "otp_codes_window_idx" ON "otp_codes" USING btree ("window_start");
