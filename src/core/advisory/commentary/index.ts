export * from './commentary.js';
