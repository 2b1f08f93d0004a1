import { builtinEngine } from './builtin.js';
import type { DialogueEngine } from './engine.js';
import { fixtureProducts } from './fixture.js';

let engine: DialogueEngine | null = null;

/** The built-in engine with the fixture shelf's names as the catalogue (tests and the offline demo). */
export const fixtureEngine = (): DialogueEngine => {
  if (engine) return engine;
  const products = fixtureProducts();
  engine = builtinEngine({
    products: products.map((p) => ({ name: p.name, code: p.code })),
    managers: [...new Set(products.map((p) => p.manager))].map((name) => ({ name })),
  });
  return engine;
};
