import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS } from '../core/compliance/corpus.fixture.js';
import { lintText } from '../core/compliance/index.js';
import { runCli } from './testing.js';

type Out = {
  ok: boolean;
  violations: Array<{ rule: string; match: string; start: number; end: number; message: string }>;
  missing: string[];
  rule_set_version: string;
};

const check = async (args: string[]): Promise<{ code: number; out: Out; stderr: string }> => {
  const res = await runCli(['compliance', 'check', ...args, '--json']);
  return { code: res.code, out: JSON.parse(res.stdout) as Out, stderr: res.stderr };
};

describe('caiban compliance check', () => {
  it('prints {ok, violations:[{rule,match,start,end,message}], missing} for a text', async () => {
    const { code, out } = await check(['--text', '本基金保本保息，近一年收益12%', '--product-type', 'fund']);
    expect(code).toBe(0);
    expect(out.ok).toBe(false);
    expect(out.violations.map((v) => [v.rule, v.match, v.start, v.end])).toEqual([
      ['guarantee', '保本保息', 3, 7],
    ]);
    expect(typeof out.violations[0]!.message).toBe('string');
    expect(out.missing).toEqual(['missing_disclosure', 'missing_past_performance_disclaimer']);
  });

  it('agrees with the library on a sample of the corpus, read from files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caiban-lint-'));
    for (const [k, c] of CORPUS.filter((_, i) => i % 6 === 0).entries()) {
      const file = join(dir, `t${k}.txt`);
      await writeFile(file, `\uFEFF${c.text}`);
      const args = [
        '--file',
        file,
        '--product-type',
        c.type ?? 'general',
        ...(c.ai === true ? ['--ai-generated'] : []),
      ];
      const { out } = await check(args);
      const lib = lintText(c.text, { productType: c.type ?? 'general', aiGenerated: c.ai === true });
      expect([out.ok, out.violations.map((v) => [v.rule, v.start, v.end]), out.missing]).toEqual([
        lib.ok,
        lib.violations.map((v) => [v.rule, v.start, v.end]),
        lib.missing,
      ]);
    }
  });

  it('requires a visible label with --ai-generated', async () => {
    expect((await check(['--text', '建议关注稳健型产品。', '--ai-generated'])).out.missing).toEqual([
      'missing_ai_label',
    ]);
    expect((await check(['--text', '建议关注稳健型产品。（本内容由AI生成）', '--ai-generated'])).out.ok).toBe(
      true,
    );
  });

  it('applies an institution rule-set extension and reports its version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caiban-rules-'));
    const file = join(dir, 'rules.json');
    await writeFile(
      file,
      JSON.stringify({
        id: 'bank-x',
        version: '7',
        forbidden: [{ id: 'x', rule: 'superlative', terms: ['天花板'] }],
      }),
    );
    const { out } = await check(['--text', '理财界的天花板', '--rules', file]);
    expect(out.violations.map((v) => v.match)).toEqual(['天花板']);
    expect(out.rule_set_version).toMatch(/\+bank-x@7$/);
  });

  it('exits 2 naming the flag on bad input', async () => {
    const none = await runCli(['compliance', 'check', '--json']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--text');
    const type = await runCli(['compliance', 'check', '--text', 'x', '--product-type', 'stock', '--json']);
    expect(type.code).toBe(2);
    expect(type.stderr).toContain('--product-type');
    const file = await runCli(['compliance', 'check', '--file', '/nonexistent/x.txt', '--json']);
    expect([file.code, file.stderr.includes('--file')]).toEqual([2, true]);
  });

  it('prints the rule set in force as data', async () => {
    const res = await runCli(['compliance', 'rules', '--json']);
    const rs = JSON.parse(res.stdout) as { id: string; version: string; forbidden: Array<{ rule: string }> };
    expect(rs.id).toBe('caiban-marketing');
    expect(new Set(rs.forbidden.map((g) => g.rule)).size).toBe(6);
  });

  it('has --help for both commands', async () => {
    const help = await runCli(['compliance', 'check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--product-type');
  });

  it('exits 1 with --fail-on-violation when the text does not pass', async () => {
    const res = await runCli(['compliance', 'check', '--text', '零风险', '--fail-on-violation', '--json']);
    expect(res.code).toBe(1);
  });
});
