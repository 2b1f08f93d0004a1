import { parentPort } from 'node:worker_threads';
import { arenaViews } from '../core/ml/gbdt-arena.js';
import type { Arena } from '../core/ml/gbdt-arena.js';
import { gradientRange } from '../core/ml/gbdt-objective.js';
import { CTRL } from './gbdt-threads.js';
import type { BindMessage } from './gbdt-threads.js';

/**
 * Worker of the threaded histogram strategy: after a bind message it instantiates the GBDT kernel on the shared
 * training memory and serves build and partition jobs posted through the shared control block (Atomics, no
 * messages per job) until the trainer unbinds it, then waits for the next bind.
 */
const serve = (m: BindMessage): void => {
  const ctrl = new Int32Array(m.ctrl);
  let seen = 0;
  let arena: Arena;
  try {
    arena = arenaViews(m.memory, m.layout);
  } catch (e) {
    process.stderr.write(`caiban: GBDT histogram worker: ${(e as Error).stack ?? String(e)}\n`);
    ctrl[CTRL.failed] = 1;
    Atomics.store(ctrl, CTRL.done, 0);
    Atomics.notify(ctrl, CTRL.done);
    return;
  }
  const { kernel } = arena;
  Atomics.store(ctrl, CTRL.done, 0);
  Atomics.notify(ctrl, CTRL.done);
  for (;;) {
    Atomics.wait(ctrl, CTRL.seq, seen);
    seen = Atomics.load(ctrl, CTRL.seq);
    const cmd = ctrl[CTRL.cmd];
    if (cmd === CTRL.stop) {
      Atomics.store(ctrl, CTRL.done, seen);
      Atomics.notify(ctrl, CTRL.done);
      return;
    }
    try {
      if (cmd === CTRL.gradients) {
        const a = arena;
        const weights = ctrl[CTRL.weighted] === 1 ? a.weight : undefined;
        const objective = ctrl[CTRL.binary] === 1 ? 'binary' : 'l2';
        gradientRange(
          objective,
          a.label,
          a.score,
          weights,
          a.grad,
          a.hess,
          ctrl[CTRL.start]!,
          ctrl[CTRL.end]!,
        );
      } else if (cmd === CTRL.gather) {
        // slot carries the first row of the build the gathered rows belong to.
        kernel.gather(ctrl[CTRL.slot]!, ctrl[CTRL.start]!, ctrl[CTRL.end]!);
      } else if (cmd === CTRL.partition) {
        ctrl[CTRL.result] = kernel.partition(ctrl[CTRL.start]!, ctrl[CTRL.end]!, {
          feature: ctrl[CTRL.feature]!,
          thresholdBin: ctrl[CTRL.thresholdBin]!,
          defaultLeft: ctrl[CTRL.defaultLeft] === 1,
          categorical: ctrl[CTRL.categorical] === 1,
        });
      } else {
        kernel.build(
          ctrl[CTRL.slot]!,
          ctrl[CTRL.start]!,
          ctrl[CTRL.end]!,
          ctrl[CTRL.qLo]!,
          ctrl[CTRL.qHi]!,
          ctrl[CTRL.identity] === 1,
          ctrl[CTRL.gathered] === 1,
        );
      }
    } catch (e) {
      process.stderr.write(`caiban: GBDT histogram worker: ${(e as Error).stack ?? String(e)}\n`);
      ctrl[CTRL.failed] = 1;
    }
    Atomics.store(ctrl, CTRL.done, seen);
    Atomics.notify(ctrl, CTRL.done);
  }
};

parentPort?.on('message', (m: BindMessage) => serve(m));
parentPort?.postMessage('ready');
