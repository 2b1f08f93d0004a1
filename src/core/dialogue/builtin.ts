import { buildCatalogueIndex, type Catalogue } from '../nlu/catalogue.js';
import { builtinIntentModel } from '../nlu/builtin.js';
import { STARTER_KB } from '../nlu/data/kb-starter.js';
import { SYNONYMS } from '../nlu/data/synonyms.js';
import { buildKbIndex, type KbIndex } from '../nlu/kb.js';
import type { DialogueEngine } from './engine.js';
import { builtinTools } from './builtin-tools.js';
import { BUILTIN_FLOWS, flowSet } from './flows.js';

let kb: KbIndex | null = null;
/** The starter knowledge base, trained once per process (about a second). */
export const starterKb = (): KbIndex => (kb ??= buildKbIndex(STARTER_KB, { synonyms: SYNONYMS }));

/**
 * The engine with the built-in language models, flows and tools; `catalogue` adds product/manager names; `kb`
 * replaces the starter KB built here (a server passes the same KB from its trained-artefact cache).
 */
export const builtinEngine = (catalogue?: Catalogue, kb?: KbIndex): DialogueEngine => ({
  model: builtinIntentModel(),
  kb: kb ?? starterKb(),
  ...(catalogue ? { catalogue: buildCatalogueIndex(catalogue) } : {}),
  flows: flowSet(BUILTIN_FLOWS),
  tools: builtinTools(),
});
