import { badInput } from '../../../core/errors.js';

/**
 * The flat XML WeCom speaks: `<xml><Name><![CDATA[value]]></Name><Num>1</Num></xml>`. A full XML parser
 * is not needed and would bring entity expansion with it; this reads one level of elements (CDATA or text
 * with the five predefined entities) and refuses DOCTYPE and ENTITY declarations outright.
 */
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const decodeText = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e]!;
  });

/** The child elements of the root <xml> element as name → text; throws BAD_INPUT naming the problem. */
export const parseWecomXml = (xml: string, field = 'body'): Record<string, string> => {
  const text = xml.replace(/^\uFEFF/, '').trim();
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw badInput(field, 'DOCTYPE and ENTITY declarations are not accepted');
  const root = /^(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>$/.exec(text);
  if (!root) throw badInput(field, 'expected an XML document with a root <xml> element');
  const out: Record<string, string> = {};
  const element = /<([A-Za-z_][\w.-]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g;
  let rest = root[1]!;
  for (const m of root[1]!.matchAll(element)) {
    out[m[1]!] = m[2] !== undefined ? m[2] : decodeText(m[3] ?? '');
    rest = rest.replace(m[0], '');
  }
  if (rest.trim() !== '')
    throw badInput(field, 'unexpected content in the <xml> element (nested or malformed elements)');
  return out;
};

/** CDATA that survives a "]]>" inside the value (split across two sections). */
const cdata = (v: string): string => `<![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** A flat WeCom XML document: strings as CDATA, numbers as text, in the given order. */
export const toWecomXml = (fields: Readonly<Record<string, string | number>>): string =>
  `<xml>${Object.entries(fields)
    .map(([k, v]) => `<${k}>${typeof v === 'number' ? String(v) : cdata(v)}</${k}>`)
    .join('')}</xml>`;
