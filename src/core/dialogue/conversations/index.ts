import { ALLOCATION } from './allocation.js';
import { ASSESSMENT } from './assessment.js';
import { HUMAN, SMALLTALK } from './human.js';
import { KNOWLEDGE } from './knowledge.js';
import { PRODUCTS } from './products.js';
import { SERVICE } from './service.js';
import type { Conversation } from './types.js';

export const CONVERSATIONS: readonly Conversation[] = [
  ...ALLOCATION,
  ...PRODUCTS,
  ...SERVICE,
  ...ASSESSMENT,
  ...KNOWLEDGE,
  ...HUMAN,
  ...SMALLTALK,
];
export type { Conversation };
