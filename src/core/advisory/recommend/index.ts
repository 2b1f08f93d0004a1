export * from './types.js';
export { recommendedProductCodes, recommendProducts } from './rank.js';
export * from './manager.js';
export * from './insurance.js';
export * from './insurance-compare.js';
export * from './protection-rules.js';
export { qualityParts, qualityScore, type QualityParts } from './quality.js';
