import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { discover, toDiscoveryData } from '../core/causal/discovery/discover.js';
import { extendToDag } from '../core/causal/discovery/pc.js';
import type { Dag } from '../core/causal/scm.js';
import { parseIntervention, whatIf } from '../core/causal/scm.js';
import { badInput } from '../core/errors.js';
import { createRng } from '../core/random.js';
import type { Table } from './io/table.js';
import { numericColumn, readTable } from './io/table.js';
import { log, printJson, runAction } from './io/output.js';

const readJson = async (path: string, flag: string): Promise<unknown> => {
  try {
    return JSON.parse((await readFile(path, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badInput(flag, `cannot read JSON from "${path}" (${(e as Error).message})`);
  }
};

/** Tiers file: `[["age","gender"],["price"],…]` or `{"tiers": [...]}`, earliest tier first. */
const readTiers = async (path: string): Promise<string[][]> => {
  const v = await readJson(path, '--tiers');
  const tiers = Array.isArray(v) ? v : (v as { tiers?: unknown }).tiers;
  if (
    !Array.isArray(tiers) ||
    !tiers.every((t) => Array.isArray(t) && t.every((s) => typeof s === 'string'))
  ) {
    throw badInput(
      '--tiers',
      'expected a JSON array of tiers, each an array of column names, e.g. [["age"],["price"],["renewed"]]',
    );
  }
  return tiers;
};

const splitCols = (s: string | undefined): string[] | undefined =>
  s
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);

/** Numeric columns of the table (all columns that parse as numbers when none are named). */
const numericColumns = (
  table: Table,
  names: string[] | undefined,
  flag: string,
): { names: string[]; cols: Float64Array[] } => {
  if (names) return { names, cols: names.map((c) => numericColumn(table, c, flag)) };
  const out: { names: string[]; cols: Float64Array[] } = { names: [], cols: [] };
  for (const c of table.columns) {
    try {
      const v = numericColumn(table, c, flag);
      if (v.every(Number.isFinite)) {
        out.names.push(c);
        out.cols.push(v);
      }
    } catch {
      // text columns are not analysed by discovery; they are listed on stderr below
    }
  }
  const skipped = table.columns.filter((c) => !out.names.includes(c));
  if (skipped.length) log(`caiban: skipped non-numeric or incomplete columns: ${skipped.join(', ')}`);
  return out;
};

type DiscoverOpts = {
  data: string;
  columns?: string;
  tiers?: string;
  alpha: string;
  bootstrap: string;
  seed: string;
  json?: boolean;
};

export const registerDiscover = (causal: Command): void => {
  causal
    .command('discover')
    .description('Factor graph by PC-stable discovery with tiered background knowledge / 因子图发现')
    .requiredOption('--data <file>', 'CSV or .xlsx')
    .option('--columns <cols>', 'columns to analyse (default: every numeric column)')
    .option(
      '--tiers <file>',
      'JSON tiers, e.g. [["age","gender"],["market"],["price"],["exposure"],["interest"],["purchase"],["renewal"]]',
    )
    .option('--alpha <a>', 'significance level of the independence tests', '0.05')
    .option('--bootstrap <b>', 'bootstrap resamples for the edge-strength CIs', '200')
    .option('--seed <s>', 'random seed', '0')
    .option('--json', 'print one JSON document on stdout')
    .action(async (o: DiscoverOpts) =>
      runAction(o.json === true, async () => {
        const table = await readTable(o.data);
        const { names, cols } = numericColumns(table, splitCols(o.columns), '--columns');
        const tiers = o.tiers ? await readTiers(o.tiers) : undefined;
        const res = discover(toDiscoveryData(names, cols), {
          alpha: Number(o.alpha),
          bootstrap: Number(o.bootstrap),
          rng: createRng(Number(o.seed)),
          ...(tiers ? { tiers } : {}),
        });
        printJson({ edges: res.edges, columns: res.names, tests: res.tests, alpha: Number(o.alpha) });
      }),
    );
};

/** Graph file: `{"edges": [{"from","to"}, …]}` (the output of `causal discover` works as is). */
const readGraph = async (path: string): Promise<Array<{ from: string; to: string; directed: boolean }>> => {
  const v = (await readJson(path, '--graph')) as { edges?: unknown };
  if (!Array.isArray(v.edges)) throw badInput('--graph', 'expected {"edges": [{"from": "a", "to": "b"}, …]}');
  return v.edges.map((e: { from?: unknown; to?: unknown; directed?: unknown }, k: number) => {
    if (typeof e.from !== 'string' || typeof e.to !== 'string')
      throw badInput('--graph', `edge ${k + 1} needs "from" and "to" column names`);
    return { from: e.from, to: e.to, directed: e.directed !== false };
  });
};

const dagFromEdges = (
  names: string[],
  edges: Array<{ from: string; to: string; directed: boolean }>,
): Dag => {
  const p = names.length;
  const g = new Uint8Array(p * p);
  for (const e of edges) {
    const a = names.indexOf(e.from);
    const b = names.indexOf(e.to);
    if (a < 0 || b < 0)
      throw badInput('--graph', `edge ${e.from} → ${e.to} names a column missing from the data`);
    g[a * p + b] = 1;
    if (!e.directed) g[b * p + a] = 1;
  }
  const dag = extendToDag(
    { p, g },
    names.map(() => 0),
  );
  return {
    names,
    parents: names.map((_, j) => names.flatMap((_n, a) => (dag.g[a * p + j] === 1 ? [a] : []))),
  };
};

type WhatifOpts = {
  data: string;
  outcome: string;
  intervene: string;
  graph?: string;
  confounders?: string;
  tiers?: string;
  model: string;
  noise: string;
  bootstrap: string;
  seed: string;
  json?: boolean;
};

const buildDag = async (o: WhatifOpts, table: Table, target: string) => {
  if (o.graph) {
    const edges = await readGraph(o.graph);
    const names = [...new Set(edges.flatMap((e) => [e.from, e.to]).concat([target, o.outcome]))];
    return { names, cols: names.map((c) => numericColumn(table, c, '--graph')), edges };
  }
  const conf = splitCols(o.confounders);
  if (conf) {
    // Adjustment graph: every confounder causes the intervened column and the outcome, which it causes.
    const names = [...new Set([...conf, target, o.outcome])];
    const edges = [
      ...conf.flatMap((c) => [
        { from: c, to: target },
        { from: c, to: o.outcome },
      ]),
      { from: target, to: o.outcome },
    ];
    return {
      names,
      cols: names.map((c) => numericColumn(table, c, '--confounders')),
      edges: edges.map((e) => ({ ...e, directed: true })),
    };
  }
  const { names, cols } = numericColumns(table, undefined, '--data');
  const tiers = o.tiers ? await readTiers(o.tiers) : undefined;
  const res = discover(toDiscoveryData(names, cols), {
    bootstrap: 0,
    rng: createRng(Number(o.seed)),
    ...(tiers ? { tiers } : {}),
  });
  return { names, cols, edges: res.edges };
};

export const registerWhatif = (causal: Command): void => {
  causal
    .command('whatif')
    .description('What-if simulation on a structural causal model / 假设情景模拟')
    .requiredOption('--data <file>', 'CSV or .xlsx (numeric columns)')
    .requiredOption('--outcome <col>', 'outcome column')
    .requiredOption(
      '--intervene <expr>',
      'col=value, col>=value (at least), col+=delta (also col-=delta, col*=factor)',
    )
    .option('--graph <file>', 'JSON {"edges":[{"from","to"}]} (e.g. the output of causal discover)')
    .option('--confounders <cols>', 'without --graph: confounders of the intervened column and the outcome')
    .option('--tiers <file>', 'without --graph or --confounders: tiers for the discovered graph')
    .option('--model <m>', 'node models: linear|gbdt', 'linear')
    .option(
      '--noise <n>',
      'abduction (each row keeps its residuals) or resample (residuals re-drawn per node)',
      'abduction',
    )
    .option('--bootstrap <b>', 'bootstrap resamples for the CI', '200')
    .option('--seed <s>', 'random seed', '0')
    .option('--json', 'print one JSON document on stdout')
    .action(async (o: WhatifOpts) =>
      runAction(o.json === true, async () => {
        if (o.model !== 'linear' && o.model !== 'gbdt') throw badInput('--model', 'expected linear or gbdt');
        if (o.noise !== 'abduction' && o.noise !== 'resample')
          throw badInput('--noise', 'expected abduction or resample');
        const b = Number(o.bootstrap);
        if (!Number.isInteger(b) || b < 0 || b > 5000)
          throw badInput('--bootstrap', 'expected an integer from 0 to 5000');
        const iv = parseIntervention(o.intervene);
        const table = await readTable(o.data);
        const g = await buildDag(o, table, iv.column);
        const dag = dagFromEdges(g.names, g.edges);
        const res = whatIf(dag, g.cols, o.outcome, iv, {
          kind: o.model,
          bootstrap: b,
          rng: createRng(Number(o.seed)),
          noise: o.noise,
        });
        const edges = dag.parents.flatMap((ps, j) => ps.map((a) => ({ from: g.names[a]!, to: g.names[j]! })));
        printJson({ ...res, intervention: iv, noise: o.noise, model: o.model, graph: { edges } });
      }),
    );
};
