import { parentPort } from 'node:worker_threads';
import { arenaViews } from '../core/ml/gbdt-arena.js';
import type { Arena } from '../core/ml/gbdt-arena.js';
import { gradientRange } from '../core/ml/gbdt-objective.js';
import { COMMAND, FIELD } from './gbdt-threads.js';
import type { BindMessage } from './gbdt-threads.js';

/**
 * Worker of the threaded histogram strategy: after a bind message it instantiates the GBDT kernel on the shared
 * training memory and serves the jobs of COMMAND (histogram build, gather, partition, gradients) posted through
 * the shared control block (Atomics, no message per job) until the trainer stops it, then waits for the next bind.
 */
const serve = (m: BindMessage): void => {
  const ctrl = new Int32Array(m.ctrl);
  let seen = 0;
  let arena: Arena;
  try {
    arena = arenaViews(m.memory, m.layout);
  } catch (e) {
    process.stderr.write(`caiban: GBDT histogram worker: ${(e as Error).stack ?? String(e)}\n`);
    ctrl[FIELD.failed] = 1;
    Atomics.store(ctrl, FIELD.done, 0);
    Atomics.notify(ctrl, FIELD.done);
    return;
  }
  const { kernel } = arena;
  Atomics.store(ctrl, FIELD.done, 0);
  Atomics.notify(ctrl, FIELD.done);
  for (;;) {
    Atomics.wait(ctrl, FIELD.seq, seen);
    seen = Atomics.load(ctrl, FIELD.seq);
    const cmd = ctrl[FIELD.cmd];
    if (cmd === COMMAND.stop) {
      Atomics.store(ctrl, FIELD.done, seen);
      Atomics.notify(ctrl, FIELD.done);
      return;
    }
    try {
      if (cmd === COMMAND.gradients) {
        const a = arena;
        const weights = ctrl[FIELD.weighted] === 1 ? a.weight : undefined;
        const objective = ctrl[FIELD.binary] === 1 ? 'binary' : 'l2';
        gradientRange(
          objective,
          a.label,
          a.score,
          weights,
          a.grad,
          a.hess,
          ctrl[FIELD.start]!,
          ctrl[FIELD.end]!,
        );
      } else if (cmd === COMMAND.gather) {
        // slot carries the first row of the build the gathered rows belong to.
        kernel.gather(ctrl[FIELD.slot]!, ctrl[FIELD.start]!, ctrl[FIELD.end]!);
      } else if (cmd === COMMAND.partition) {
        ctrl[FIELD.result] = kernel.partition(ctrl[FIELD.start]!, ctrl[FIELD.end]!, {
          feature: ctrl[FIELD.feature]!,
          thresholdBin: ctrl[FIELD.thresholdBin]!,
          defaultLeft: ctrl[FIELD.defaultLeft] === 1,
          categorical: ctrl[FIELD.categorical] === 1,
        });
      } else if (cmd === COMMAND.build) {
        kernel.build(
          ctrl[FIELD.slot]!,
          ctrl[FIELD.start]!,
          ctrl[FIELD.end]!,
          ctrl[FIELD.qLo]!,
          ctrl[FIELD.qHi]!,
          ctrl[FIELD.identity] === 1,
          ctrl[FIELD.gathered] === 1,
        );
      } else {
        throw new Error(`unknown command ${cmd} in the control block`);
      }
    } catch (e) {
      process.stderr.write(`caiban: GBDT histogram worker: ${(e as Error).stack ?? String(e)}\n`);
      ctrl[FIELD.failed] = 1;
    }
    Atomics.store(ctrl, FIELD.done, seen);
    Atomics.notify(ctrl, FIELD.done);
  }
};

parentPort?.on('message', (m: BindMessage) => serve(m));
parentPort?.postMessage('ready');
