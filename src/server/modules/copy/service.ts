import type { z } from 'zod';
import type {
  Copy,
  CopyList,
  CopyVersion as CopyVersionSchema,
  LibraryCreate,
  LibraryItem,
  LibraryQuery,
  SendResult,
} from '../../../contracts/copy.js';
import {
  copyPrompt,
  reviewCopy,
  templateCopy,
  transition,
  type CopyAction,
  type CopyChannel,
  type CopyStatus,
  type Segment,
} from '../../../core/copy/index.js';
import { AppError, badInput } from '../../../core/errors.js';
import { guardOutbound } from '../../../core/guard/guard.js';
import type { ProductType } from '../../../core/product-types.js';
import { ageOn } from '../../../core/suitability/dates.js';
import type { InvestorLevel } from '../../../core/suitability/types.js';
import { actorOf, writeAudit, type AuditEntry } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import { completeText, llmFailure, type LlmText } from '../../llm/client.js';
import { adviceSubject } from '../customers/service.js';
import {
  findCopy,
  insertCopy,
  insertLibraryItem,
  insertVersion,
  listCopies,
  marketingConsent,
  productNames,
  productOf,
  queueOutbox,
  searchLibrary,
  updateVersion,
  versionsOf,
  type CopyRow,
  type VersionRow,
} from './repo.js';

type CopyVersion = z.infer<typeof CopyVersionSchema>;

const staffIdOf = (p: Principal): number => {
  if (p.staffId === null) throw new AppError('FORBIDDEN', 'only staff may do this');
  return p.staffId;
};

const versionOf = (v: VersionRow): CopyVersion => {
  const stored = v.findings as unknown as {
    findings?: CopyVersion['findings'];
    suggestedText?: string | null;
  };
  return {
    version: v.version,
    text: v.text,
    status: v.status,
    findings: stored.findings ?? [],
    blocking: v.blocking,
    suggestedText: stored.suggestedText ?? null,
    makerId: v.makerId,
    checkerId: v.checkerId,
    submittedAt: v.submittedAt?.toISOString() ?? null,
    decidedAt: v.decidedAt?.toISOString() ?? null,
    decisionNote: v.decisionNote,
    createdAt: v.createdAt.toISOString(),
  };
};

const copyOf = (c: CopyRow, versions: readonly VersionRow[], name: string): Copy => {
  const vs = versions
    .filter((v) => v.copyId === c.id)
    .sort((a, b) => b.version - a.version)
    .map(versionOf);
  return {
    id: c.id,
    segment: c.segment as Segment,
    productCode: c.productCode,
    productName: name,
    channel: c.channel,
    aiGenerated: c.aiGenerated,
    createdBy: c.createdBy,
    createdAt: c.createdAt.toISOString(),
    current: vs[0]!,
    versions: vs,
  };
};

const loadCopy = async (deps: AppDeps, id: number): Promise<Copy> => {
  const c = await findCopy(deps.db, id);
  if (c === null) throw new AppError('NOT_FOUND', `copy ${id} not found`, { id });
  const [versions, names] = await Promise.all([
    versionsOf(deps.db, [id]),
    productNames(deps.db, [c.productCode]),
  ]);
  return copyOf(c, versions, names.get(c.productCode) ?? c.productCode);
};

/** The RM sees their own copies; the checker (operations) sees every copy. */
const visible = (p: Principal, c: Copy): boolean => p.role !== 'rm' || c.createdBy === p.staffId;

const reviewFor = (text: string, type: ProductType, ai: boolean) => {
  const r = reviewCopy(text, [type], ai);
  return {
    findings: { findings: r.findings, suggestedText: r.suggestedText } as Record<string, unknown>,
    blocking: r.blocking,
  };
};

const auditCopy = (action: AuditEntry['action'], c: Copy, details: Record<string, unknown>): AuditEntry => ({
  action,
  targetKind: 'copy',
  target: String(c.id),
  customerId: null,
  details: {
    version: c.current.version,
    text: c.current.text,
    findings: c.current.findings.length,
    ...details,
  },
});

/** The LLM's draft (PII-masked brief, timeout); 503 naming the reason and the template alternative on failure. */
const llmDraft = async (deps: AppDeps, ...args: Parameters<typeof copyPrompt>): Promise<LlmText> => {
  if (deps.llm === null)
    throw new AppError(
      'CONFLICT',
      "source: 'llm' needs the optional LLM, which is not configured; set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY) and restart, or use source 'template'",
      { field: 'source', llm: 'not_configured' },
    );
  try {
    const r = await completeText(deps.llm, copyPrompt(...args));
    const text = r.text.trim().slice(0, 2000);
    if (text === '') throw new Error('empty draft');
    return { ...r, text };
  } catch (e) {
    throw new AppError(
      'UNAVAILABLE',
      `source: the LLM gave no draft (${llmFailure(e)}); retry, or use source 'template'`,
      { field: 'source', llm: 'failed' },
    );
  }
};

/**
 * Generates copy for a segment × product × channel and stores it as draft version 1 with the compliance
 * linter's findings; the maker is the caller. `template` (default): the templates, no model. `llm`: the
 * optional LLM drafts from the product facts, the copy is marked aiGenerated (the AI label is required), and
 * the draft gets the same review and the same maker/checker flow: never sendable before approval.
 */
export const createCopy = async (
  deps: AppDeps,
  p: Principal,
  body: { segment: Segment; productCode: string; channel: CopyChannel; source?: 'template' | 'llm' },
  requestId: string,
): Promise<Copy> => {
  const maker = staffIdOf(p);
  const product = await productOf(deps.db, body.productCode);
  if (product === null)
    throw badInput('productCode', `no product ${body.productCode}; use a code of /api/products`);
  const facts = {
    code: product.code,
    name: product.name,
    type: product.type,
    risk: product.risk,
    minPurchase: product.minPurchaseFen / 100,
  };
  const source = body.source ?? 'template';
  const llm = source === 'llm' ? await llmDraft(deps, body.segment, facts, body.channel) : null;
  const ai = llm !== null;
  const text = llm?.text ?? templateCopy(body.segment, facts, body.channel).zh;
  // The required disclosures (and the AI label) the rule set words itself are added; what remains
  // (forbidden wording above all) is for the maker, with its span and the suggested wording.
  const draft = reviewCopy(text, [product.type], ai).suggestedText ?? text;
  const review = reviewFor(draft, product.type, ai);
  const id = await deps.db.transaction(async (db) => {
    const c = await insertCopy(db, {
      segment: body.segment,
      productCode: body.productCode,
      channel: body.channel,
      aiGenerated: ai,
      createdBy: maker,
    });
    await insertVersion(db, {
      copyId: c.id,
      version: 1,
      text: draft,
      ...review,
      status: 'draft',
      makerId: maker,
    });
    return c.id;
  });
  const copy = await loadCopy(deps, id);
  await writeAudit(deps.db, actorOf(p), requestId, [
    auditCopy(
      'copy.created',
      copy,
      llm === null
        ? { generator: 'template' }
        : { generator: 'llm', model: llm.model, tokens: llm.tokens, ms: Math.round(llm.ms), draft: llm.text },
    ),
  ]);
  return copy;
};

export const copyList = async (
  deps: AppDeps,
  p: Principal,
  status: CopyStatus | undefined,
): Promise<z.infer<typeof CopyList>> => {
  const rows = await listCopies(deps.db, p.role === 'rm' ? staffIdOf(p) : null);
  const [versions, names] = await Promise.all([
    versionsOf(
      deps.db,
      rows.map((r) => r.id),
    ),
    productNames(
      deps.db,
      rows.map((r) => r.productCode),
    ),
  ]);
  const items = rows.map((r) => copyOf(r, versions, names.get(r.productCode) ?? r.productCode));
  return { items: status === undefined ? items : items.filter((c) => c.current.status === status) };
};

export const copyDetail = async (deps: AppDeps, p: Principal, id: number): Promise<Copy> => {
  const c = await loadCopy(deps, id);
  if (!visible(p, c)) throw new AppError('FORBIDDEN', `copy ${id} is another RM's`, { id });
  return c;
};

const step = (c: Copy, action: CopyAction, actor: number) => {
  const t = transition(c.current.status, action, { actor, maker: c.current.makerId });
  if (!t.ok)
    throw new AppError(
      t.reason === 'maker_cannot_check' || t.reason === 'not_the_maker' ? 'FORBIDDEN' : 'CONFLICT',
      `copy ${c.id} version ${c.current.version}: ${t.reason.replace(/_/g, ' ')}`,
      { reason: t.reason, status: c.current.status },
    );
  return t;
};

/**
 * The maker edits the text: a draft is updated in place; an approved or rejected version opens a new draft
 * version (the approved text stays as it was approved, and the new one needs its own approval).
 */
export const editCopy = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  text: string,
  requestId: string,
): Promise<Copy> => {
  const c = await copyDetail(deps, p, id);
  const maker = staffIdOf(p);
  const t = step(c, 'edit', maker);
  const product = await productOf(deps.db, c.productCode);
  const review = reviewFor(text, product?.type ?? 'pure_bond', c.aiGenerated);
  if (t.ok && t.newVersion)
    await insertVersion(deps.db, {
      copyId: id,
      version: c.current.version + 1,
      text,
      ...review,
      status: 'draft',
      makerId: maker,
    });
  else await updateVersion(deps.db, id, c.current.version, { text, ...review, makerId: maker });
  const next = await loadCopy(deps, id);
  await writeAudit(deps.db, actorOf(p), requestId, [
    auditCopy('copy.edited', next, { from: c.current.version }),
  ]);
  return next;
};

/** The maker submits a draft for approval; drafts with blocking findings are sent back to be fixed first. */
export const submitCopy = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  requestId: string,
): Promise<Copy> => {
  const c = await copyDetail(deps, p, id);
  step(c, 'submit', staffIdOf(p));
  if (c.current.blocking > 0)
    throw new AppError(
      'CONFLICT',
      `copy ${id}: fix the ${c.current.blocking} blocking finding(s) before submitting`,
      {
        reason: 'blocking_findings',
        findings: c.current.findings.filter((f) => f.blocking).map((f) => f.rule),
      },
    );
  await updateVersion(deps.db, id, c.current.version, { status: 'submitted', submittedAt: deps.now() });
  const next = await loadCopy(deps, id);
  await writeAudit(deps.db, actorOf(p), requestId, [auditCopy('copy.submitted', next, {})]);
  return next;
};

/** The checker (operations, never the maker) approves or rejects the submitted version. */
export const decideCopy = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  decision: 'approve' | 'reject',
  note: string | undefined,
  requestId: string,
): Promise<Copy> => {
  const c = await loadCopy(deps, id);
  const checker = staffIdOf(p);
  const t = step(c, decision, checker);
  if (!t.ok) throw new Error('unreachable');
  await updateVersion(deps.db, id, c.current.version, {
    status: t.status,
    checkerId: checker,
    decidedAt: deps.now(),
    decisionNote: note ?? null,
  });
  const next = await loadCopy(deps, id);
  await writeAudit(deps.db, actorOf(p), requestId, [
    auditCopy(decision === 'approve' ? 'copy.approved' : 'copy.rejected', next, {
      maker: next.current.makerId,
      checker,
      note: note ?? null,
    }),
  ]);
  return next;
};

const CONSENT_CHANNEL: Readonly<Record<CopyChannel, string>> = {
  sms: 'sms',
  wechat: 'wechat',
  app_push: 'app_push',
};

/**
 * Sends approved copy to one of the RM's customers: refused unless the latest version is approved, the
 * customer consented to marketing on the channel, and the one outbound guard allows the text and the product
 * for this customer. Queued in the outbox and audited with the text, maker and checker.
 */
export const sendCopy = async (
  deps: AppDeps,
  p: Principal,
  id: number,
  customerId: number,
  requestId: string,
): Promise<z.infer<typeof SendResult>> => {
  const c = await copyDetail(deps, p, id);
  step(c, 'send', staffIdOf(p));
  const subject = await adviceSubject(deps, p, customerId, requestId);
  if (!(await marketingConsent(deps.db, customerId, CONSENT_CHANNEL[c.channel])))
    throw new AppError('CONFLICT', `customer ${customerId} has not consented to marketing by ${c.channel}`, {
      reason: 'no_consent',
      channel: c.channel,
    });
  const product = await productOf(deps.db, c.productCode);
  if (product === null)
    throw new AppError('CONFLICT', `product ${c.productCode} is gone`, { reason: 'no_product' });
  const guard = guardOutbound({
    content: {
      texts: [{ id: 'copy', text: c.current.text, productTypes: [product.type], aiGenerated: c.aiGenerated }],
      products: [{ code: product.code, risk: product.risk, type: product.type, role: 'offer' }],
    },
    customer: {
      level: subject.riskLevel as InvestorLevel,
      assessedAt: subject.riskAssessedAt,
      channel: 'bank',
      lowestCategory: subject.lowestCategory,
      professional: subject.professional,
      age: ageOn(subject.birthDate, subject.today),
    },
    now: subject.today,
    suitabilityPolicy: subject.policy,
  });
  if (!guard.allowed)
    throw new AppError('CONFLICT', `the outbound guard refused copy ${id} for customer ${customerId}`, {
      reason: 'guard_refused',
      findings: guard.findings.filter((f) => f.blocking),
    });
  const staff = staffIdOf(p);
  return deps.db.transaction(async (db) => {
    const outboxId = await queueOutbox(db, {
      customerId,
      copyId: id,
      version: c.current.version,
      channel: c.channel,
      text: c.current.text,
      sentBy: staff,
    });
    await writeAudit(db, actorOf(p), requestId, [
      {
        ...auditCopy('copy.sent', c, { maker: c.current.makerId, checker: c.current.checkerId, outboxId }),
        customerId,
      },
    ]);
    return {
      outboxId,
      copyId: id,
      version: c.current.version,
      customerId,
      channel: c.channel,
      text: c.current.text,
    };
  });
};

const itemOf = (r: Awaited<ReturnType<typeof insertLibraryItem>>): z.infer<typeof LibraryItem> => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  tags: r.tags,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
});

export const addLibraryItem = async (
  deps: AppDeps,
  p: Principal,
  body: z.infer<typeof LibraryCreate>,
): Promise<z.infer<typeof LibraryItem>> =>
  itemOf(
    await insertLibraryItem(deps.db, { ...body, tags: [...new Set(body.tags)], createdBy: staffIdOf(p) }),
  );

export const findLibraryItems = async (deps: AppDeps, q: z.infer<typeof LibraryQuery>) => ({
  items: (await searchLibrary(deps.db, q)).map(itemOf),
});
