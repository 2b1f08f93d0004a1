export * from './types.js';
export * from './normalize.js';
export * from './builtin.js';
export * from './rule-set.js';
export * from './lint.js';
export { performanceMentions, compactText } from './requirements.js';
