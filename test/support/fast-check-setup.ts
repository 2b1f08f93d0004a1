import fc from 'fast-check';

/**
 * Property tests run on a fixed seed so CI is reproducible: a failure on one machine is the same failure on every
 * machine. `FC_SEED=<n>` picks another seed; `FC_SEED=random` lets fast-check draw one (use it to hunt for new
 * counterexamples, then fix the code and keep the case as a regression test). `FC_RUNS=<n>` raises the run count.
 */
const seedVar = process.env.FC_SEED;
const runsVar = process.env.FC_RUNS;
fc.configureGlobal({
  ...(seedVar === 'random' ? {} : { seed: seedVar ? Number(seedVar) : 20_261_121 }),
  ...(runsVar ? { numRuns: Number(runsVar) } : {}),
});
