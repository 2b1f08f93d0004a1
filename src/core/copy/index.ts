export * from './templates.js';
export * from './review.js';
export * from './workflow.js';
