import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS_MODULE, sourceFiles, testsReaching } from './support/benchmark-users.js';
import { repoRoot } from './support/repo-root.js';

/**
 * The reference data beside the repository (../shared/benchmarks) is reached through test/support/benchmarks.ts
 * only, which skips with a message when it is absent; a second way in would crash on a fresh clone.
 * Comments may name the folder; code (string and template literals) may not.
 */
const FORBIDDEN = [/\.\.[/\\]shared\b/, /\bshared[/\\]benchmarks\b/, /^shared$/];

/** The text of every string and template literal of a source file (parsed, so comments and regexes are skipped). */
const literalsOf = (file: string): string[] => {
  const src = ts.createSourceFile(file, readFileSync(join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) out.push(n.text);
    else if (ts.isTemplateExpression(n)) out.push(n.head.text, ...n.templateSpans.map((s) => s.literal.text));
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
};

/** This guard spells the forbidden forms out to test its own matcher. */
const SELF = 'test/benchmarks-access.test.ts';

describe('access to the reference data folder', () => {
  it('is written in test/support/benchmarks.ts and nowhere else in the code', () => {
    const offenders = sourceFiles()
      .filter((f) => f !== BENCHMARKS_MODULE && f !== SELF)
      .flatMap((f) =>
        literalsOf(f)
          .filter((text) => FORBIDDEN.some((re) => re.test(text)))
          .map((text) => `${f}: '${text}'`),
      );
    expect(offenders, 'use benchmarkFile()/benchmarksDir from test/support/benchmarks.ts').toEqual([]);
  });

  it('is named in no script of package.json or CI', () => {
    for (const f of ['package.json', '.ci/run']) {
      const text = readFileSync(join(repoRoot, f), 'utf8');
      expect(
        FORBIDDEN.slice(0, 2).some((re) => re.test(text)),
        f,
      ).toBe(false);
    }
  });

  it('catches the literal forms a second way in would take', () => {
    const hits = (s: string) => FORBIDDEN.some((re) => re.test(s));
    expect(hits('../shared/benchmarks/causal/x.csv')).toBe(true);
    expect(hits('/work/shared/benchmarks')).toBe(true);
    expect(hits('shared')).toBe(true);
    expect(hits('shared-state')).toBe(false);
  });

  it('finds the tests that use the folder through the import graph (CI reruns them with it hidden)', () => {
    const users = testsReaching(BENCHMARKS_MODULE);
    expect(users).toContain('src/cli/model.test.ts');
    expect(users).toContain('src/core/causal/effects/benchmarks.test.ts');
    expect(users).not.toContain('test/benchmarks-access.test.ts');
  });
});
