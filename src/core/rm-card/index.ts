export * from './card.js';
export * from './intent-bucket.js';
export * from './selling-points.js';
export * from './card-image.js';
