import type { LocalizedText } from '../suitability/types.js';

/** Bilingual text shown to a customer or staff: Chinese first, English second. */
export type Bilingual = LocalizedText;

/** A message template pair with `{name}` placeholders; catalogues of these are data, not code. */
export type Template = { readonly zh: string; readonly en: string };

export type TemplateParams = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders; a placeholder without a parameter is a programming error and throws. */
export const fill = (template: string, params: TemplateParams): string =>
  template.replace(PLACEHOLDER, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`template parameter {${k}} is missing`);
    return String(v);
  });

/** Renders a bilingual template; `zhParams` override `params` for the Chinese side (e.g. Chinese labels). */
export const render = (
  t: Template,
  params: TemplateParams = {},
  zhParams: TemplateParams = {},
): Bilingual => ({
  zh: fill(t.zh, { ...params, ...zhParams }),
  en: fill(t.en, params),
});

/** Joins bilingual fragments (Chinese without spaces, English with one). */
export const joinText = (parts: readonly Bilingual[]): Bilingual => ({
  zh: parts.map((p) => p.zh).join(''),
  en: parts.map((p) => p.en).join(' '),
});

/** A fraction as a percent with `digits` decimals; `signed` adds "+" to gains (−0.0213 → "-2.13%"). */
export const pct = (v: number, digits = 1, signed = false): string => {
  const s = (v * 100).toFixed(digits);
  const z = Number(s) === 0 ? (0).toFixed(digits) : s;
  return `${signed && Number(z) > 0 ? '+' : ''}${z}%`;
};
