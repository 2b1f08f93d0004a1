export * from './types.js';
export * from './guard.js';
export * from './complete.js';
export { complianceTypes } from './lint-many.js';
