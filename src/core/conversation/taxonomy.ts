import { z } from 'zod';
import { badInput } from '../errors.js';
import TAXONOMY_V1 from './data/taxonomy.v1.json' with { type: 'json' };
import { OBJECTION_CODES } from './types.js';

/**
 * The conversation tag taxonomy as data: every tag with its names, description, examples and the cues the
 * classical engine matches. Operations edit the JSON (a new version number per edit); `parseTaxonomy`
 * validates it and names the offending entry, so a bad edit is refused before it reaches the engine.
 */
const Text = z.object({ zh: z.string().min(1), en: z.string().min(1) });

const regexSource = z.string().min(1);

export const TagDefinition = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case ASCII key'),
  kind: z.enum(['objection', 'signal', 'risk', 'interest']),
  name: Text,
  description: Text,
  speaker: z.enum(['customer', 'rm', 'any']).default('customer'),
  cues: z.array(regexSource).min(1),
  suppress: z.array(regexSource).default([]),
  negatable: z.boolean().default(true),
  confirmable: z.boolean().default(false),
  examples: z.array(z.string().min(1)).min(1),
  counter_examples: z.array(z.string().min(1)).default([]),
  rm_tip: Text.optional(),
});
export type TagDefinition = z.infer<typeof TagDefinition>;

export const TaxonomySchema = z.object({
  version: z.string().min(1),
  language: z.literal('zh-CN'),
  notes: z.string().optional(),
  negators: z.array(z.string().min(1)).min(1),
  negation_fillers: z.array(z.string().min(1)).default([]),
  affirmations: z.array(regexSource).min(1),
  denials: z.array(regexSource).min(1),
  resolutions: z.array(regexSource).default([]),
  sentiment: z.object({
    threshold: z.number().positive(),
    cues: z.array(z.object({ pattern: regexSource, weight: z.number() })).min(1),
  }),
  tags: z.array(TagDefinition).min(1),
});
export type Taxonomy = z.infer<typeof TaxonomySchema>;

/** Every regular expression of the document with its JSON path, for compile checks. */
const regexPaths = (t: Taxonomy): Array<[string, string]> => [
  ...t.affirmations.map((s, i): [string, string] => [`affirmations[${i}]`, s]),
  ...t.denials.map((s, i): [string, string] => [`denials[${i}]`, s]),
  ...t.resolutions.map((s, i): [string, string] => [`resolutions[${i}]`, s]),
  ...t.sentiment.cues.map((c, i): [string, string] => [`sentiment.cues[${i}].pattern`, c.pattern]),
  ...t.tags.flatMap((tag, i) => [
    ...tag.cues.map((s, j): [string, string] => [`tags[${i}].cues[${j}]`, s]),
    ...tag.suppress.map((s, j): [string, string] => [`tags[${i}].suppress[${j}]`, s]),
  ]),
];

/**
 * Validates a taxonomy document: shape (zod), unique keys, every objection code of the contract present,
 * and every pattern a valid regular expression. Errors name the JSON path (`tags[2].cues[1]`).
 */
export const parseTaxonomy = (doc: unknown, source = 'taxonomy'): Taxonomy => {
  const parsed = TaxonomySchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw badInput(source, `${path.replace(/^\./, '') || '(root)'}: ${issue.message}`);
  }
  const t = parsed.data;
  const seen = new Set<string>();
  for (const [i, tag] of t.tags.entries()) {
    if (seen.has(tag.key)) throw badInput(source, `tags[${i}].key: "${tag.key}" is defined twice`);
    seen.add(tag.key);
  }
  for (const code of OBJECTION_CODES) {
    if (!seen.has(code))
      throw badInput(source, `tags: the objection "${code}" is missing (codes of the contract)`);
  }
  for (const [path, src] of regexPaths(t)) {
    try {
      new RegExp(src, 'u');
    } catch (e) {
      throw badInput(source, `${path}: not a valid regular expression (${(e as Error).message})`);
    }
  }
  return t;
};

/** The built-in taxonomy (data/taxonomy.v1.json). */
export const DEFAULT_TAXONOMY: Taxonomy = parseTaxonomy(TAXONOMY_V1, 'taxonomy.v1.json');

export type CompiledTag = {
  def: TagDefinition;
  cues: RegExp[];
  suppress: RegExp[];
};

export type CompiledTaxonomy = {
  version: string;
  tags: CompiledTag[];
  /** Text right before a cue that negates it: a negator, then at most one filler word, then the cue. */
  negation: RegExp;
  affirmation: RegExp[];
  denial: RegExp[];
  resolution: RegExp[];
  sentiment: { threshold: number; cues: Array<{ re: RegExp; weight: number }> };
};

const escapeAlt = (words: readonly string[]): string =>
  [...words].sort((a, b) => b.length - a.length).join('|');

/** Cues are written for normalised text; half-width and lower case are applied to them as well. */
const compileCue = (src: string, flags = 'u'): RegExp =>
  new RegExp(src.normalize('NFKC').toLowerCase(), flags);

export const compileTaxonomy = (t: Taxonomy): CompiledTaxonomy => ({
  version: t.version,
  tags: t.tags.map((def) => ({
    def,
    cues: def.cues.map((c) => compileCue(c, 'gu')),
    suppress: def.suppress.map((c) => compileCue(c)),
  })),
  negation: new RegExp(
    `(?:${escapeAlt(t.negators)})(?:${escapeAlt(t.negation_fillers)})?(?:了|的|得)?$`,
    'u',
  ),
  affirmation: t.affirmations.map((c) => compileCue(c)),
  denial: t.denials.map((c) => compileCue(c)),
  resolution: t.resolutions.map((c) => compileCue(c)),
  sentiment: {
    threshold: t.sentiment.threshold,
    cues: t.sentiment.cues.map((c) => ({ re: compileCue(c.pattern, 'gu'), weight: c.weight })),
  },
});

let compiledDefault: CompiledTaxonomy | null = null;
export const defaultCompiledTaxonomy = (): CompiledTaxonomy =>
  (compiledDefault ??= compileTaxonomy(DEFAULT_TAXONOMY));
