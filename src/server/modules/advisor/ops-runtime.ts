import type { DialogueEngine } from '../../../core/dialogue/engine.js';
import {
  FlowSetDocumentSchema,
  mergeFlowLayers,
  type FlowSetDocument,
} from '../../../core/dialogue/flow-set.js';
import type { Flow } from '../../../core/dialogue/flow-schema.js';
import { BUILTIN_FLOWS, flowSet, type FlowSet } from '../../../core/dialogue/flows.js';
import { intentModelFromJson } from '../../../core/nlu/intent-model-json.js';
import type { IntentModel } from '../../../core/nlu/intent-model.js';
import type { AppDeps } from '../../http/deps.js';
import { orgUnits } from '../org/service.js';
import { SYNONYMS } from '../../../core/nlu/data/synonyms.js';
import type { KbIndex } from '../../../core/nlu/kb.js';
import { kbIndexOf } from '../../../runtime/kb-index.js';
import type { KbItem } from '../../../core/nlu/types.js';
import * as repo from './ops-repo.js';
import { latestKb } from './ops-repo.js';

/**
 * What this process serves from the ops tables: the published flow sets per org unit and the retrained intent
 * model, each cached under the generation number it was loaded at. Every turn reads the two counters (one
 * small query, beside the customer's row); a publish, rollback or retrain in any process bumps its counter in
 * the same transaction, so every process reloads at its next turn. Kept per app (a test may run two apps on
 * one database, like two server processes).
 */
export type Served = {
  flowsGen: number;
  modelGen: number;
  docs: Map<string, FlowSetDocument>;
  parents: Map<string, string | null>;
  perUnit: Map<string, { set: FlowSet; flows: Flow[] }>;
  model: IntentModel | null;
  kbGen: number;
  kb: KbIndex | null;
};

const served = new WeakMap<AppDeps, Served>();

/** The unit and its ancestors, root (HQ) first. */
export const chainOf = (parents: ReadonlyMap<string, string | null>, unit: string): string[] => {
  const out: string[] = [];
  let u: string | null | undefined = unit;
  while (u !== null && u !== undefined && !out.includes(u)) {
    out.unshift(u);
    u = parents.get(u);
  }
  return out;
};

/**
 * The effective flows of a unit: built-in flows, then each ancestor's published document from HQ down, then
 * the unit's own. A layer that would make the set inconsistent (an HQ change colliding with a branch's older
 * override) is skipped, so customers keep a working set; publishing validates against the same merge.
 */
export const effectiveFlowsOf = (
  docs: ReadonlyMap<string, FlowSetDocument>,
  parents: ReadonlyMap<string, string | null>,
  unit: string,
): { flows: Flow[]; sources: Map<string, string> } => {
  let flows: Flow[] = [...BUILTIN_FLOWS];
  const sources = new Map(flows.map((f) => [f.name, 'builtin']));
  for (const u of chainOf(parents, unit)) {
    const d = docs.get(u);
    if (d === undefined) continue;
    const next = mergeFlowLayers([flows, d.flows]);
    try {
      flowSet(next);
    } catch {
      continue;
    }
    flows = next;
    for (const f of d.flows) sources.set(f.name, u);
  }
  return { flows, sources };
};

const loadFlows = async (deps: AppDeps) => {
  const [versions, units] = await Promise.all([repo.latestVersions(deps.db), orgUnits(deps)]);
  const docs = new Map<string, FlowSetDocument>();
  for (const v of versions) {
    const r = FlowSetDocumentSchema.safeParse(v.document);
    if (r.success) docs.set(v.orgUnitId, r.data);
  }
  return { docs, parents: new Map(units.items.map((u) => [u.id, u.parentId])) };
};

/** Refreshes this app's cache when a counter moved since it was loaded; returns it. */
export const servedState = async (deps: AppDeps): Promise<Served> => {
  const gens = await repo.readGenerations(deps.db);
  let s = served.get(deps);
  if (s === undefined || s.flowsGen !== gens.flows) {
    const { docs, parents } = await loadFlows(deps);
    s = {
      flowsGen: gens.flows,
      modelGen: s?.modelGen ?? -1,
      docs,
      parents,
      perUnit: new Map(),
      model: s?.model ?? null,
      kbGen: s?.kbGen ?? -1,
      kb: s?.kb ?? null,
    };
    served.set(deps, s);
  }
  if (s.modelGen !== gens.model) {
    const m = await repo.latestModel(deps.db);
    s.model = m === null ? null : intentModelFromJson(m.model);
    s.modelGen = gens.model;
  }
  if (s.kbGen !== gens.kb) {
    const v = await latestKb(deps.db);
    // Rebuilt once per change and process (seconds; the same content comes from the trained-artefact cache,
    // runtime/kb-index.ts); until the first change the starter KB serves.
    s.kb = v === null ? null : kbIndexOf(v.items as KbItem[], { synonyms: SYNONYMS });
    s.kbGen = gens.kb;
  }
  return s;
};

/**
 * The engine for a customer of `orgUnitId`: the unit's effective flows, the current intent model and KB. Takes
 * the state from `servedState` (the chat reads it beside the customer's row, so it costs no extra round trip).
 */
export const servingEngine = (served: Served, base: DialogueEngine, orgUnitId: string): DialogueEngine => {
  let unit = served.perUnit.get(orgUnitId);
  if (unit === undefined) {
    const { flows } = effectiveFlowsOf(served.docs, served.parents, orgUnitId);
    unit = { set: flowSet(flows), flows };
    served.perUnit.set(orgUnitId, unit);
  }
  return {
    ...base,
    flows: unit.set,
    ...(served.model === null ? {} : { model: served.model }),
    ...(served.kb === null ? {} : { kb: served.kb }),
  };
};
