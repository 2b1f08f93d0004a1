import type { KbItem } from '../types.js';
import { KB_FUNDS } from './kb/funds.js';
import { KB_PRODUCTS } from './kb/products.js';
import { KB_RISK_FEES } from './kb/risk-fees.js';
import { KB_SERVICES } from './kb/services.js';

/**
 * The starter Chinese knowledge base (hand-written): each item has a standard question, 8–10 similar questions,
 * a 1–4 sentence answer worded to the marketing rules of reference/regulation.md §2 (no guarantee, deposit
 * analogy or superlative; risk reminders where natural), and a category. Timings say "通常" and defer to the
 * product announcement because they vary by product.
 */
export const STARTER_KB: readonly KbItem[] = [...KB_FUNDS, ...KB_RISK_FEES, ...KB_PRODUCTS, ...KB_SERVICES];
