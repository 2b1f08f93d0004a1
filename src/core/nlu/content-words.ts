/**
 * "Content words": the words of a message without function words, lightly stemmed, so that pairs of
 * meaningful words become features even when function words separate them ("card … not … arrived" →
 * card_arriv). Used as a third feature block next to word and character n-grams.
 */

const STOP_EN = new Set(
  (
    'i me my mine we us our you your yours he she it its they them their this that these those a an the ' +
    'is are was were be been being am do does did doing have has had having to of in on at by for with ' +
    'from about as into than then so and or but if there here what which who whom whose how when where ' +
    'why can could would should will shall may might must just also very too really please any some ' +
    'get got im ive id its dont'
  ).split(' '),
);

const STOP_ZH = new Set([
  ...'的了吗呢吧啊呀哦嘛么我你您他她它是在个这那和与就都也还要会把给让被请',
  '请问',
  '一下',
  '可以',
  '我们',
  '你们',
  '一个',
  '这个',
  '那个',
]);

/**
 * Crude English suffix stripping (a few Porter step-1 rules): enough to join refund/refunds/refunded/refunding.
 * Chinese words are returned unchanged.
 */
export const lightStem = (w: string): string => {
  if (!/^[a-z]+$/.test(w) || w.length <= 4) return w;
  if (w.endsWith('ies') && w.length > 5) return w.slice(0, -3) + 'y';
  if (w.endsWith('ing') && w.length > 6) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 5 && /(?:ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
};

/**
 * Content unigrams ("u" + word) and unordered pairs of content words at most `window` positions apart
 * ("u" + a + "~" + b, a < b), so word order and filler words do not matter.
 */
export const contentTerms = (ws: readonly string[], window: number, out: string[]): void => {
  const content: string[] = [];
  for (const w of ws) {
    if (STOP_EN.has(w) || STOP_ZH.has(w) || !/[\p{L}\p{N}<]/u.test(w)) continue;
    content.push(lightStem(w));
  }
  for (let i = 0; i < content.length; i++) {
    const a = content[i]!;
    out.push('u' + a);
    for (let j = i + 1; j < Math.min(content.length, i + 1 + window); j++) {
      const b = content[j]!;
      out.push(a < b ? 'u' + a + '~' + b : 'u' + b + '~' + a);
    }
  }
};
