import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { ExperimentInput } from '../core/experiment/analyze.js';
import { analyzeExperiment, analyzeFamily } from '../core/experiment/analyze.js';
import { badInput } from '../core/errors.js';
import { printJson, runAction } from './io/output.js';

const readJson = async (path: string): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw badInput('--input', `cannot read "${path}"; give a JSON file with arms "a" and "b" and a "config"`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badInput('--input', `"${path}" is not valid JSON (${(e as Error).message})`);
  }
};

/** `caiban abtest --input FILE.json`: one experiment, or an array of them with Holm/BH-adjusted p-values. */
export const register = (program: Command): void => {
  program
    .command('abtest')
    .description('A/B test statistics from per-arm sufficient statistics (GrowthBook engine) / A/B 实验统计')
    .requiredOption('--input <file>', 'JSON: {a, b, config} (gbstats vector shape), or an array of them')
    .option('--json', 'print one JSON document on stdout')
    .action(async (opts: { input: string; json?: boolean }) =>
      runAction(opts.json === true, async () => {
        const data = await readJson(opts.input);
        if (typeof data !== 'object' || data === null) {
          throw badInput('--input', 'expected a JSON object {a, b, config} or an array of them');
        }
        const out = Array.isArray(data) ? analyzeFamily(data as ExperimentInput[]) : analyzeExperiment(data);
        // The result is structured; without --json it is printed the same way (readable, indented).
        printJson(out);
      }),
    );
};
