-- Insight levers (issue 15 item 4): a study's per-customer lever scores (computed once, on demand), the campaigns
-- sent from its strategy lists, and the predicted uplift of every listed customer with the arm the campaign's hash
-- gives it (so that the realised uplift can be compared with the predicted one).
CREATE TABLE "insight_lever_scores" (
	"customer_id" bigint NOT NULL,
	"study_id" bigint NOT NULL,
	"p_outcome" numeric NOT NULL,
	"cate" jsonb NOT NULL,
	CONSTRAINT "insight_lever_scores_customer_id_study_id_pk" PRIMARY KEY("customer_id","study_id")
);
--> statement-breakpoint
CREATE INDEX "insight_lever_scores_study_idx" ON "insight_lever_scores" USING btree ("study_id");
--> statement-breakpoint
CREATE TABLE "insight_study_campaigns" (
	"campaign_id" bigint PRIMARY KEY NOT NULL,
	"study_id" bigint NOT NULL,
	"lever" text NOT NULL,
	"budget" numeric(14, 2) NOT NULL,
	"unit_cost" numeric(14, 2) NOT NULL,
	"holdout" numeric(5, 4) NOT NULL,
	"chosen" integer NOT NULL,
	"expected_incremental" numeric NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "insight_study_campaigns_study_idx" ON "insight_study_campaigns" USING btree ("study_id");
--> statement-breakpoint
CREATE TABLE "insight_campaign_predictions" (
	"customer_id" bigint NOT NULL,
	"campaign_id" bigint NOT NULL,
	"arm" text NOT NULL,
	"predicted_uplift" numeric NOT NULL,
	"p_outcome" numeric NOT NULL,
	CONSTRAINT "insight_campaign_predictions_customer_id_campaign_id_pk" PRIMARY KEY("customer_id","campaign_id")
);
--> statement-breakpoint
CREATE INDEX "insight_campaign_predictions_campaign_idx" ON "insight_campaign_predictions" USING btree ("campaign_id");
