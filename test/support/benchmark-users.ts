import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './repo-root.js';

/**
 * Which test files reach the reference data folder: those whose relative imports lead, directly or through other
 * modules, to test/support/benchmarks.ts. CI runs exactly these once more with the folder hidden
 * (`npx tsx test/support/benchmark-users.ts` prints them), so a test that crashes instead of skipping when the
 * data is absent fails CI even though CI itself has the folder.
 */

const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const ROOTS = ['src', 'test', 'bench'];
const SKIP = new Set(['node_modules', 'dist', 'e2e']);

/** Every source file under the repository's code folders (repository-relative paths). */
export const sourceFiles = (root: string = repoRoot): string[] => {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (SKIP.has(e.name)) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (SOURCE.test(e.name)) out.push(relative(root, p));
    }
  };
  for (const r of ROOTS) if (existsSync(join(root, r))) walk(join(root, r));
  return out.sort();
};

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The repository files a module imports with relative specifiers (`./x.js` resolves to `./x.ts`). */
const importsOf = (root: string, file: string): string[] => {
  const text = readFileSync(join(root, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const target = resolve(root, dirname(file), m[1]!);
    const candidates = [
      target,
      target.replace(/\.js$/, '.ts'),
      target.replace(/\.js$/, '.tsx'),
      `${target}.ts`,
    ];
    const hit = candidates.find((c) => existsSync(c) && SOURCE.test(c));
    if (hit !== undefined) out.push(relative(root, hit));
  }
  return out;
};

/** Test files (vitest's include: *.test.ts under src and test) that transitively import `target`. */
export const testsReaching = (target: string, root: string = repoRoot): string[] => {
  const files = sourceFiles(root);
  const importers = new Map<string, string[]>();
  for (const f of files)
    for (const dep of importsOf(root, f)) importers.set(dep, [...(importers.get(dep) ?? []), f]);
  const reached = new Set<string>([target]);
  const queue = [target];
  while (queue.length > 0) {
    for (const f of importers.get(queue.pop()!) ?? [])
      if (!reached.has(f)) {
        reached.add(f);
        queue.push(f);
      }
  }
  return files.filter((f) => reached.has(f) && /\.test\.tsx?$/.test(f) && !f.startsWith('test/e2e/'));
};

export const BENCHMARKS_MODULE = 'test/support/benchmarks.ts';

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.stdout.write(testsReaching(BENCHMARKS_MODULE).join('\n') + '\n');
}
