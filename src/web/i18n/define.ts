type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** One feature's messages under its own top-level key (`<key>.…`), Chinese first, English with the same keys. */
export type FeatureMessages = { key: string; 'zh-CN': Record<string, unknown>; en: Record<string, unknown> };

/**
 * Declares a feature's messages in its own file, so that features do not edit one shared dictionary. The
 * English block must have exactly the keys of the Chinese one (checked by the type). Register the result in
 * `features.ts`; the keys are then `t('<key>.<path>')`.
 */
export const defineMessages = <const Z extends Record<string, unknown>>(
  key: string,
  zh: Z,
  en: Widen<Z>,
): FeatureMessages => ({ key, 'zh-CN': zh, en });
