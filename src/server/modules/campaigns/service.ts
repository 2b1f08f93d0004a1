import { eq } from 'drizzle-orm';
import type { Campaign, CampaignCheck } from '../../../contracts/campaigns.js';
import type { CampaignDefinition } from '../../../core/engagement/campaign.js';
import {
  campaignIssues,
  campaignProducts,
  draftArms,
  draftTemplateFindings,
  parseCampaign,
  templateFindings,
} from '../../../core/engagement/campaign.js';
import { AppError, isAppError } from '../../../core/errors.js';
import type { Queryable } from '../../db/index.js';
import { campaigns } from '../../db/schema.js';
import { getSegment } from '../segments/service.js';
import type { CampaignRow } from './repo.js';
import { findCampaign, findCampaignByKey, listCampaignRows, liveCustomers, productTypes } from './repo.js';

export const campaignOf = (r: CampaignRow): Campaign => ({
  id: r.id,
  key: r.key,
  name: r.name,
  status: r.status,
  definition: r.definition as Record<string, unknown>,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
  updatedBy: r.updatedBy,
  updatedAt: r.updatedAt.toISOString(),
  launchedAt: r.launchedAt?.toISOString() ?? null,
  endedAt: r.endedAt?.toISOString() ?? null,
  measuredAt: r.measuredAt?.toISOString() ?? null,
});

/** A stored campaign or NOT_FOUND. */
export const loadCampaign = async (db: Queryable, id: number): Promise<CampaignRow> => {
  const r = await findCampaign(db, id);
  if (r === null) throw new AppError('NOT_FOUND', `campaign ${id} not found`, { id });
  return r;
};

/** The stored definition, checked again (a definition saved by an older version is reported, not run blind). */
export const definitionOf = (r: CampaignRow): CampaignDefinition => parseCampaign(r.definition);

const bad = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError('BAD_INPUT', `${field}: ${message}`, { field, ...details });

/**
 * Validates a definition against the platform at save time: the shape (paths named), the saved segment exists,
 * every offered product is on the shelf, and every arm's template passes the compliance linter of core/guard
 * (its findings are returned in the 400, so the form can show them).
 */
export const validateCampaign = async (
  db: Queryable,
  input: unknown,
  now: Date,
): Promise<CampaignDefinition> => {
  const d = parseCampaign(input);
  if ('segmentId' in d.target) {
    try {
      await getSegment(db, d.target.segmentId);
    } catch (e) {
      if (isAppError(e) && e.code === 'NOT_FOUND')
        throw bad(
          'campaign.target.segmentId',
          `segment ${d.target.segmentId} does not exist; pick a saved segment`,
        );
      throw e;
    }
  }
  if ('customerIds' in d.target) {
    const ids = d.target.customerIds;
    const live = new Set<number>();
    for (let i = 0; i < ids.length; i += 5000)
      for (const c of await liveCustomers(db, ids.slice(i, i + 5000))) live.add(c);
    const k = ids.findIndex((c) => !live.has(c));
    if (k >= 0)
      throw bad(
        `campaign.target.customerIds[${k}]`,
        `customer ${ids[k]} does not exist; remove it from the list`,
      );
  }
  const offered = campaignProducts(d);
  const types = new Map((await productTypes(db, offered)).map((p) => [p.code, p.type]));
  d.arms.forEach((a, i) =>
    a.message.products.forEach((code, k) => {
      if (!types.has(code))
        throw bad(
          `campaign.arms[${i}].message.products[${k}]`,
          `unknown product "${code}"; use a shelf product code`,
        );
    }),
  );
  const checked = templateFindings(d, (code) => types.get(code), now);
  const refused = checked.filter((c) => c.findings.some((f) => f.blocking));
  if (refused.length > 0) {
    const first = refused[0]!;
    throw bad(
      first.path,
      'the message does not pass the compliance check; fix the wording named in findings',
      {
        findings: refused.map((r) => ({ arm: r.arm, path: r.path, findings: r.findings })),
      },
    );
  }
  return d;
};

/** Saves a new draft (key unique: a second campaign with the same key would reuse its assignment hash). */
export const createCampaign = async (
  db: Queryable,
  actor: string,
  input: unknown,
  now: Date,
): Promise<Campaign> => {
  const d = await validateCampaign(db, input, now);
  if ((await findCampaignByKey(db, d.key)) !== null)
    throw new AppError('CONFLICT', `campaign.key: "${d.key}" is taken; choose another key`, {
      field: 'campaign.key',
    });
  const [r] = await db.orm
    .insert(campaigns)
    .values({
      key: d.key,
      name: d.name,
      definition: d,
      status: 'draft',
      createdBy: actor,
      createdAt: now,
      updatedBy: actor,
      updatedAt: now,
    })
    .returning();
  return campaignOf(r!);
};

/** Replaces a draft's definition; a running or ended campaign is frozen (409): its arms already reached people. */
export const updateCampaign = async (
  db: Queryable,
  actor: string,
  id: number,
  input: unknown,
  now: Date,
): Promise<Campaign> => {
  const old = await loadCampaign(db, id);
  if (old.status !== 'draft')
    throw new AppError('CONFLICT', `campaign ${id} is ${old.status}: only a draft can be changed`, { id });
  const d = await validateCampaign(db, input, now);
  const clash = await findCampaignByKey(db, d.key);
  if (clash !== null && clash.id !== id)
    throw new AppError('CONFLICT', `campaign.key: "${d.key}" is taken; choose another key`, {
      field: 'campaign.key',
    });
  const [r] = await db.orm
    .update(campaigns)
    .set({ key: d.key, name: d.name, definition: d, updatedBy: actor, updatedAt: now })
    .where(eq(campaigns.id, id))
    .returning();
  return campaignOf(r!);
};

export const listCampaigns = async (db: Queryable): Promise<{ items: Campaign[] }> => ({
  items: (await listCampaignRows(db)).map(campaignOf),
});

export const getCampaign = async (db: Queryable, id: number): Promise<Campaign> =>
  campaignOf(await loadCampaign(db, id));

/** Ends a campaign: nothing more is sent; conversions inside each customer's window still count. */
export const endCampaign = async (db: Queryable, actor: string, id: number, now: Date): Promise<Campaign> => {
  const old = await loadCampaign(db, id);
  if (old.status === 'ended') return campaignOf(old);
  const [r] = await db.orm
    .update(campaigns)
    .set({ status: 'ended', endedAt: now, updatedBy: actor, updatedAt: now })
    .where(eq(campaigns.id, id))
    .returning();
  return campaignOf(r!);
};

/**
 * The live check behind the campaign form: never throws on a bad draft; answers its issues (paths named) and the
 * compliance findings of every well-formed arm, so the author sees "稳赚不赔" flagged while typing.
 */
export const checkCampaign = async (db: Queryable, input: unknown, now: Date): Promise<CampaignCheck> => {
  const issues = campaignIssues(input);
  const codes = [...new Set(draftArms(input).flatMap((a) => a.arm.message.products))];
  const types = new Map((await productTypes(db, codes)).map((p) => [p.code, p.type]));
  const arms = draftTemplateFindings(input, (code) => types.get(code), now).map((a) => ({
    ...a,
    findings: a.findings.map((f) => ({ ...f })),
  }));
  return { ok: issues.length === 0 && arms.every((a) => a.findings.every((f) => !f.blocking)), issues, arms };
};
