import { describe, expect, it } from 'vitest';
import { STARTER_KB } from './data/kb-starter.js';
import {
  KIND_ANSWERABLE,
  KIND_NEAR_MISS,
  KIND_OFF_TOPIC,
  calibrationCurve,
  kindWeights,
  reliabilityBins,
} from './kb-calibrate.js';
import { NO_MATCH_FEATURES, noMatchFeatures, rankCandidates } from './kb-decide.js';
import { buildKbCore } from './kb-index.js';
import { calibrationRuns, trainKbModels } from './kb-train.js';
import { compileLexicon } from './lexicon-match.js';
import type { KbItem } from './types.js';

const OPTIONS = {
  outOfDomain: [],
  noAnswerPrior: 0.15,
  nearMissShare: 0.75,
  maxTrainingQueries: 400,
  augment: true,
  seed: 3,
};
const UNSEEN = NO_MATCH_FEATURES.indexOf('unseen_word_mass');

describe('leave-one-item-out calibration queries', () => {
  // A word that only one item uses: once that item is left out, the KB has never seen it.
  const marked: KbItem = {
    id: 'marked',
    question: '蚱蜢账户怎么开通',
    similar: ['蚱蜢账户在哪里开', '想开一个蚱蜢账户', '蚱蜢账户开户要什么材料'],
    answer: '请到网点办理。',
    category: 'account',
  };
  const items = [...STARTER_KB.slice(0, 40), marked];
  const core = buildKbCore(items, compileLexicon([]), null);
  const runs = calibrationRuns(core, OPTIONS);

  it('never lists the removed item among the near-miss candidates, while the left-out question still finds it', () => {
    expect(runs.length).toBeGreaterThan(100);
    for (const run of runs) {
      const item = core.docItem[run.doc]!;
      expect(Array.from(run.loio.items)).not.toContain(item);
      expect(run.loio.items.length).toBeGreaterThan(0);
    }
    const found = runs.filter((r) => r.positive >= 0).length;
    expect(found / runs.length).toBeGreaterThan(0.9);
  });

  it('treats the words only the removed item uses as unknown to the KB, unlike when only the question is left out', () => {
    const m = items.length - 1;
    const run = runs.find((r) => core.docItem[r.doc] === m)!;
    expect(run).toBeDefined();
    const models = trainKbModels(core, OPTIONS);
    const ranker = models.ranker;
    const asked = noMatchFeatures(core, run.raw, rankCandidates(run.loo, ranker), {
      doc: run.doc,
      items: [],
    });
    const removed = noMatchFeatures(core, run.raw, rankCandidates(run.loio, ranker), { doc: -1, items: [m] });
    // 蚱蜢 is in the item's other questions (known) but nowhere else once the item is gone (unknown).
    expect(removed[UNSEEN]!).toBeGreaterThan(asked[UNSEEN]! + 0.1);
  });

  it('reports a reliability table whose weighted counts cover every calibration query', () => {
    const models = trainKbModels(core, { ...OPTIONS, outOfDomain: ['今天天气怎么样', '红烧肉怎么做'] });
    const bins = models.calibration.reliability;
    expect(bins).toHaveLength(10);
    const n = bins.reduce((s, b) => s + b.n, 0);
    expect(n).toBe(models.calibration.n_answerable + models.calibration.n_unanswerable);
    for (const b of bins) if (b.n > 0) expect(b.mean_predicted).toBeGreaterThanOrEqual(b.from - 1e-9);
  });
});

describe('no-match calibration arithmetic', () => {
  it('re-weights the kinds to the assumed mixture whatever their counts', () => {
    const kind = Uint8Array.from([0, 0, 0, 0, 1, 1, 2]);
    const w = kindWeights(kind, 0.2, 0.75);
    const mass = (k: number): number => w.reduce((s, v, i) => s + (kind[i] === k ? v : 0), 0);
    expect(mass(KIND_ANSWERABLE)).toBeCloseTo(0.8);
    expect(mass(KIND_NEAR_MISS)).toBeCloseTo(0.15);
    expect(mass(KIND_OFF_TOPIC)).toBeCloseTo(0.05);
  });

  it('picks a threshold that separates perfectly separable probabilities, and bins them where they lie', () => {
    const p = Float64Array.from([0.9, 0.8, 0.85, 0.1, 0.2, 0.15]);
    const kind = Uint8Array.from([0, 0, 0, 1, 1, 2]);
    const w = kindWeights(kind, 0.5, 0.5);
    const { best, curve } = calibrationCurve(p, kind, w);
    expect(best).toBeGreaterThan(0.2);
    expect(best).toBeLessThanOrEqual(0.8);
    const at = curve.find((c) => c.threshold === best)!;
    expect(at.precision).toBe(1);
    expect(at.recall).toBe(1);
    const bins = reliabilityBins(p, kind, w);
    expect(bins[8]!.observed).toBe(1);
    expect(bins[1]!.observed).toBe(0);
  });
});
