export * from './types.js';
export * from './xirr.js';
export { linkTwr, type FlowSeries } from './twr.js';
export { buildLedger, type Ledger, type ProductTrack } from './ledger.js';
export { buildStatement, benchmarkReturn } from './statement.js';
