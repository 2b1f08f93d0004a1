export * from './types.js';
export * from './policy.js';
export { runCheckup, prioritise } from './checkup.js';
export { targetMix, adviceLevel, type PortfolioView, type Position } from './positions.js';
export { effectiveHoldings } from './dimensions.js';
