export {
  attributeHolding,
  type Attribution,
  type AttributionInput,
  type IndexLevels,
} from './attribution.js';
export { alignedReturns, categoryReturns, compound } from './series.js';
