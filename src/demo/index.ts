export { buildBankContext, DEMO_DEFAULTS, demoAsOfFor, generateBundle } from './bank.js';
export type { BankContext, CustomerBundle } from './bank.js';
export { DEMO_PASSWORD } from './org.js';
export { DEMO_VERSION, seedDemoBank } from './seed.js';
export type { DemoSeedInfo, SeedOptions, SeedResult } from './seed.js';
export { trueEffects, trueEffectsOf } from './truths.js';
export type { TrueEffect, TrueEffects } from './truths.js';
export { PLANTED, renewalProbability } from './subscriptions.js';
