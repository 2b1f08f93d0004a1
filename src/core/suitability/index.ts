export * from './types.js';
export * from './dates.js';
export * from './policy.js';
export * from './reasons.js';
export * from './check.js';
export * from './questionnaire.js';
export * from './default-questionnaire.js';
export * from './frequency.js';
