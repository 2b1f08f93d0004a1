/**
 * CommonJS packages without `exports` (antd locales, echarts-for-react) reach TypeScript's NodeNext resolver
 * as `{ default: X }` but Vite's bundler as `X`; this returns X in both worlds.
 */
export const interopDefault = <T>(m: T | { default: T }): T =>
  typeof m === 'object' && m !== null && 'default' in m && m.default !== undefined ? m.default : (m as T);
