import type { CampaignResultsBody } from '../../../contracts/campaigns.js';
import type { ArmTotals } from '../../../core/engagement/campaign-results.js';
import { campaignResults } from '../../../core/engagement/campaign-results.js';
import { campaignProducts, campaignVariations, campaignWeights } from '../../../core/engagement/campaign.js';
import type { Database } from '../../db/index.js';
import {
  armTotals,
  assignmentOutcomes,
  dailyConversions,
  replaceConversions,
  suppressionReasons,
} from './repo.js';
import { definitionOf, loadCampaign } from './service.js';

/**
 * Recomputes a campaign's conversions at `now`: for every assigned customer (holdout included), the qualifying
 * purchases (of the offered products — the union over arms, so that the holdout is measured on the same
 * products — or any purchase) or events within `windowDays` of assignment and not after `now`. One transaction;
 * the work runs inside the database.
 */
export const measureCampaign = async (db: Database, id: number, now: Date): Promise<void> => {
  const d = definitionOf(await loadCampaign(db, id));
  await db.transaction((tx) => replaceConversions(tx, id, d, campaignProducts(d), now));
};

const cumulativeByDay = (
  arms: readonly string[],
  rows: readonly { arm: string; day: string; n: number }[],
) => {
  const running: Record<string, number> = Object.fromEntries(arms.map((a) => [a, 0]));
  const out: CampaignResultsBody['daily'] = [];
  for (const r of rows) {
    running[r.arm] = (running[r.arm] ?? 0) + r.n;
    const last = out[out.length - 1];
    if (last?.date === r.day) last.cumulative = { ...running };
    else out.push({ date: r.day, cumulative: { ...running } });
  }
  return out;
};

/**
 * Measures (see measureCampaign) and answers the campaign's results: per arm exposures, conversions and rate;
 * lift vs the holdout with CI, chance to beat it and the CUPED-adjusted lift; the sample-ratio check; why
 * messages were suppressed; cumulative conversions by day.
 */
export const campaignResultsOf = async (
  db: Database,
  id: number,
  now: Date,
): Promise<CampaignResultsBody> => {
  await measureCampaign(db, id, now);
  const row = await loadCampaign(db, id);
  const d = definitionOf(row);
  const variations = campaignVariations(d);
  const stored = new Map((await armTotals(db, id)).map((t) => [t.arm, t]));
  const empty = (arm: string): ArmTotals => ({
    arm,
    assigned: 0,
    exposures: 0,
    suppressed: 0,
    conversions: 0,
    preSum: 0,
    preSumSquares: 0,
    convertedPreSum: 0,
  });
  const totals = variations.map((v) => stored.get(v) ?? empty(v));
  const r = campaignResults(totals, campaignWeights(d));
  return {
    campaignId: id,
    status: row.status,
    measuredAt: now.toISOString(),
    windowDays: d.windowDays,
    arms: r.arms,
    srm: r.srm,
    suppressionReasons: await suppressionReasons(db, id),
    daily: cumulativeByDay(variations, await dailyConversions(db, id)),
  };
};

/**
 * Every assigned customer's arm and whether it converted, as last measured (call campaignResultsOf first to
 * measure now): the per-customer view behind an uplift model's Qini curve on the campaign.
 */
export const campaignCustomerOutcomes = (db: Database, id: number) => assignmentOutcomes(db, id);
