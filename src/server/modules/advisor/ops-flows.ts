import { runConversationTest } from '../../../core/dialogue/conversation-runner.js';
import { builtinTools } from '../../../core/dialogue/builtin-tools.js';
import { runTurn } from '../../../core/dialogue/engine.js';
import { FIXTURE_CUSTOMERS, FIXTURE_NOW, fixtureData } from '../../../core/dialogue/fixture.js';
import {
  builtinConversationTests,
  validateFlowSet,
  type ConversationTest,
  type FlowSetDocument,
} from '../../../core/dialogue/flow-set.js';
import { BUILTIN_FLOWS, flowSet } from '../../../core/dialogue/flows.js';
import { fixtureEngine } from '../../../core/dialogue/test-world.js';
import { initialState, type DialogueState, type TurnInput } from '../../../core/dialogue/types.js';
import type { z } from 'zod';
import type { PreviewBody as PreviewBodySchema } from '../../../contracts/advisor-ops.js';
import { AppError, badInput } from '../../../core/errors.js';
import { actorOf, writeAudit } from '../../auth/audit.js';
import type { Principal } from '../../auth/principal.js';
import type { AppDeps } from '../../http/deps.js';
import { orgUnits } from '../org/service.js';
import * as repo from './ops-repo.js';
import { chainOf, effectiveFlowsOf, servedState } from './ops-runtime.js';

/**
 * Flow sets per org unit (兴业's 敏捷会话配置): HQ publishes the default set, a branch or outlet its overrides.
 * Drafts are validated (zod schema with the JSON path of every problem, then tools, intents and links of the
 * effective set); publishing appends a version, rollback republishes an earlier one; both are audited and bump
 * the flows counter so every server process reloads (ops-runtime.ts).
 */

type PreviewBody = z.infer<typeof PreviewBodySchema>;

const TOOL_NAMES = new Set([...builtinTools().keys()]);

const units = async (deps: AppDeps) => {
  const list = (await orgUnits(deps)).items;
  return { list, parents: new Map(list.map((u) => [u.id, u.parentId])) };
};

/** The unit exists and lies within the caller's own unit (HQ staff manage every unit). */
const manageable = async (deps: AppDeps, p: Principal, unit: string) => {
  const u = await units(deps);
  if (!u.parents.has(unit))
    throw new AppError('NOT_FOUND', `org unit ${unit} not found; see GET /api/org/units`);
  if (p.orgUnitId !== null && !chainOf(u.parents, unit).includes(p.orgUnitId))
    throw new AppError('FORBIDDEN', `org unit ${unit} is outside your unit ${p.orgUnitId}`);
  return u;
};

/** The published documents of the unit's ancestors (not the unit itself), from the current versions. */
const parentFlows = async (deps: AppDeps, parents: Map<string, string | null>, unit: string) => {
  const s = await servedState(deps);
  const docs = new Map(s.docs);
  docs.delete(unit);
  const parent = parents.get(unit) ?? null;
  return parent === null ? [...BUILTIN_FLOWS] : effectiveFlowsOf(docs, parents, parent).flows;
};

const validated = async (deps: AppDeps, parents: Map<string, string | null>, unit: string, json: unknown) => {
  const r = validateFlowSet(json, { parent: await parentFlows(deps, parents, unit), tools: TOOL_NAMES });
  if (!r.ok) {
    const first = r.issues[0]!;
    throw badInput(first.path, first.message, { issues: r.issues });
  }
  return r;
};

const versionInfo = (v: Awaited<ReturnType<typeof repo.versionsOf>>[number]) => ({
  version: v.version,
  action: v.action,
  source_version: v.sourceVersion,
  published_by: v.publishedBy,
  published_at: v.publishedAt.toISOString(),
  flows: v.document.flows.map((f) => f.name),
});

export const listFlowUnits = async (deps: AppDeps) => {
  const [u, latest, drafts] = await Promise.all([
    units(deps),
    repo.latestVersions(deps.db),
    repo.draftUnits(deps.db),
  ]);
  const version = new Map(latest.map((v) => [v.orgUnitId, v.version]));
  return {
    items: u.list.map((o) => ({
      org_unit_id: o.id,
      name: o.name,
      level: o.level,
      parent_id: o.parentId,
      version: version.get(o.id) ?? null,
      has_draft: drafts.has(o.id),
    })),
  };
};

export const flowUnitView = async (deps: AppDeps, p: Principal, unit: string) => {
  const u = await manageable(deps, p, unit);
  const [versions, draft, s] = await Promise.all([
    repo.versionsOf(deps.db, unit),
    repo.findDraft(deps.db, unit),
    servedState(deps),
  ]);
  const head = versions[0];
  const published = head === undefined ? null : { ...versionInfo(head), document: head.document };
  const root = u.parents.get(unit) === null;
  const editable =
    draft !== null
      ? draft.document
      : (published?.document ?? { flows: root ? [...BUILTIN_FLOWS] : [], tests: [] });
  const { flows, sources } = effectiveFlowsOf(s.docs, u.parents, unit);
  return {
    org_unit_id: unit,
    published,
    draft:
      draft === null
        ? null
        : {
            document: draft.document,
            updated_by: draft.updatedBy,
            updated_at: draft.updatedAt.toISOString(),
          },
    editable,
    effective: flows.map((f) => ({
      name: f.name,
      title: f.title,
      source: sources.get(f.name) ?? 'builtin',
      document: f,
    })),
  };
};

export const saveFlowDraft = async (deps: AppDeps, p: Principal, unit: string, body: unknown) => {
  const u = await manageable(deps, p, unit);
  const { doc } = await validated(deps, u.parents, unit, body);
  await repo.saveDraft(deps.db, unit, doc, `staff:${p.id}`, deps.now());
  return flowUnitView(deps, p, unit);
};

/** The conversation tests of a draft: the built-in ones, the ancestors' and the draft's own, on the fixture world. */
export const runDraftTests = async (deps: AppDeps, p: Principal, unit: string) => {
  const u = await manageable(deps, p, unit);
  const draft = await repo.findDraft(deps.db, unit);
  if (draft === null) throw new AppError('NOT_FOUND', `org unit ${unit} has no draft; save one first`);
  const { doc, effective } = await validated(deps, u.parents, unit, draft.document);
  const s = await servedState(deps);
  const inherited: { test: ConversationTest; source: string }[] = chainOf(u.parents, unit)
    .filter((x) => x !== unit)
    .flatMap((x) => (s.docs.get(x)?.tests ?? []).map((test) => ({ test, source: x })));
  const tests = [
    ...builtinConversationTests().map((test) => ({ test, source: 'builtin' })),
    ...inherited,
    ...doc.tests.map((test) => ({ test, source: unit })),
  ];
  const engine = { ...fixtureEngine(), flows: flowSet(effective) };
  const results = [];
  for (const t of tests) {
    const r = await runConversationTest(engine, t.test);
    results.push({ ...r, source: t.source, turns: r.passed ? [] : r.turns });
  }
  results.sort((a, b) => Number(a.passed) - Number(b.passed));
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
};

/** One test-chat turn against the draft on a fixture customer; the state travels with the request, nothing is stored. */
export const previewDraftTurn = async (deps: AppDeps, p: Principal, unit: string, body: PreviewBody) => {
  const u = await manageable(deps, p, unit);
  const draft = await repo.findDraft(deps.db, unit);
  const { effective } = await validated(deps, u.parents, unit, draft?.document ?? { flows: [], tests: [] });
  const key = body.customer ?? 'c3';
  const state = (body.state ?? initialState()) as DialogueState;
  const input: TurnInput = 'text' in body ? { text: body.text } : { action: body.action };
  try {
    const r = await runTurn({ ...fixtureEngine(), flows: flowSet(effective) }, state, input, {
      customer: FIXTURE_CUSTOMERS[key]!,
      now: FIXTURE_NOW,
      data: fixtureData(key),
    });
    return {
      intent: r.intent,
      confidence: r.confidence,
      flow: r.flow,
      reply: { text: r.reply.text, cards: r.reply.cards as unknown as Record<string, unknown>[] },
      events: [...r.annotations.events],
      state: r.state as unknown as Record<string, unknown>,
    };
  } catch (e) {
    throw badInput(
      'state',
      `not a state returned by an earlier preview turn (${e instanceof Error ? e.message : String(e)}); send state: null to start over`,
    );
  }
};

const appendVersion = async (
  deps: AppDeps,
  p: Principal,
  unit: string,
  document: FlowSetDocument,
  action: 'publish' | 'rollback',
  sourceVersion: number | null,
  requestId: string,
) => {
  const at = deps.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const head = (await repo.versionsOf(tx, unit))[0];
      const version = (head?.version ?? 0) + 1;
      await repo.insertVersion(tx, {
        unit,
        version,
        document,
        action,
        sourceVersion,
        by: `staff:${p.id}`,
        at,
      });
      if (action === 'publish') await repo.deleteDraft(tx, unit);
      await repo.bumpGeneration(tx, 'flows');
      await writeAudit(tx, actorOf(p), requestId, [
        {
          action: action === 'publish' ? 'advisor.flows_publish' : 'advisor.flows_rollback',
          targetKind: 'org_unit',
          target: unit,
          customerId: null,
          details: {
            version,
            previous: head?.version ?? null,
            ...(sourceVersion === null ? {} : { source_version: sourceVersion }),
            flows: document.flows.map((f) => `${f.name}@${f.version}`),
          },
        },
      ]);
      return { org_unit_id: unit, version };
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('CONFLICT', `another publish of ${unit} happened at the same time; reload and retry`);
  }
};

export const publishDraft = async (deps: AppDeps, p: Principal, unit: string, requestId: string) => {
  const u = await manageable(deps, p, unit);
  const draft = await repo.findDraft(deps.db, unit);
  if (draft === null) throw new AppError('NOT_FOUND', `org unit ${unit} has no draft to publish`);
  const { doc } = await validated(deps, u.parents, unit, draft.document);
  return appendVersion(deps, p, unit, doc, 'publish', null, requestId);
};

export const rollbackFlows = async (
  deps: AppDeps,
  p: Principal,
  unit: string,
  version: number,
  requestId: string,
) => {
  const u = await manageable(deps, p, unit);
  const old = await repo.findVersion(deps.db, unit, version);
  if (old === null)
    throw badInput(
      'version',
      `org unit ${unit} has no version ${version}; see GET /api/ops/advisor/flows/${unit}/versions`,
    );
  // Re-validated against today's parents: an earlier version may no longer fit an HQ set published since.
  const { doc } = await validated(deps, u.parents, unit, old.document);
  return appendVersion(deps, p, unit, doc, 'rollback', version, requestId);
};

export const flowVersions = async (deps: AppDeps, p: Principal, unit: string) => {
  await manageable(deps, p, unit);
  return { items: (await repo.versionsOf(deps.db, unit)).map(versionInfo) };
};
