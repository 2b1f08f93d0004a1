/**
 * Masks personal data before text leaves the process (to an LLM provider): mainland ID numbers, bank card
 * numbers, mobile phones, e-mail addresses, and the customer's own name when known.
 */
const RULES: readonly (readonly [RegExp, string])[] = [
  [/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, '[身份证号]'],
  [/(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)/g, '[银行卡号]'],
  [/(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g, '[手机号]'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[邮箱]'],
];

export const maskPii = (text: string, names: readonly string[] = []): string => {
  let out = text;
  for (const [re, label] of RULES) out = out.replace(re, label);
  for (const n of names) if (n.length >= 2) out = out.split(n).join('[姓名]');
  return out;
};
