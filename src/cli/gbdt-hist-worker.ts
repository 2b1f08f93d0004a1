import { parentPort } from 'node:worker_threads';
import { buildHistogram, partitionRange } from '../core/ml/gbdt-grow.js';
import { CTRL } from './gbdt-threads.js';
import type { BindMessage } from './gbdt-threads.js';

/**
 * Worker of the threaded histogram strategy: after a bind message it serves build jobs posted through the
 * shared control block (Atomics, no messages per job) until the trainer unbinds it, then waits for the next
 * bind. Each job fills features[qLo…qHi) of one histogram slot.
 */
const serve = (m: BindMessage): void => {
  const ctrl = new Int32Array(m.ctrl);
  const d = {
    bins: new Uint8Array(m.bins),
    p: m.p,
    grad: new Float64Array(m.grad),
    hess: new Float64Array(m.hess),
  };
  const order = new Int32Array(m.order);
  const scratch = new Int32Array(m.scratch);
  const mask = new Uint8Array(256);
  const hists = m.hists.map((h) => new Float64Array(h));
  const features = new Int32Array(m.p);
  let seen = 0;
  Atomics.store(ctrl, CTRL.done, 0);
  Atomics.notify(ctrl, CTRL.done);
  for (;;) {
    Atomics.wait(ctrl, CTRL.seq, seen);
    seen = Atomics.load(ctrl, CTRL.seq);
    if (ctrl[CTRL.cmd] === CTRL.stop) {
      Atomics.store(ctrl, CTRL.done, seen);
      Atomics.notify(ctrl, CTRL.done);
      return;
    }
    if (ctrl[CTRL.cmd] === CTRL.partition) {
      for (let b = 0; b < 256; b++) mask[b] = ctrl[CTRL.mask + b]!;
      const rule = {
        feature: ctrl[CTRL.feature]!,
        thresholdBin: ctrl[CTRL.thresholdBin]!,
        defaultLeft: ctrl[CTRL.defaultLeft] === 1,
        catMask: ctrl[CTRL.hasMask] === 1 ? mask : null,
      };
      ctrl[CTRL.result] = partitionRange(d, order, scratch, ctrl[CTRL.start]!, ctrl[CTRL.end]!, rule);
      Atomics.store(ctrl, CTRL.done, seen);
      Atomics.notify(ctrl, CTRL.done);
      continue;
    }
    const nf = ctrl[CTRL.nf]!;
    for (let q = 0; q < nf; q++) features[q] = ctrl[CTRL.features + q]!;
    const hist = hists[ctrl[CTRL.slot]!]!;
    const fs = features.subarray(0, nf);
    buildHistogram(hist, d, order, ctrl[CTRL.start]!, ctrl[CTRL.end]!, fs, ctrl[CTRL.qLo], ctrl[CTRL.qHi]);
    Atomics.store(ctrl, CTRL.done, seen);
    Atomics.notify(ctrl, CTRL.done);
  }
};

parentPort?.on('message', (m: BindMessage) => serve(m));
parentPort?.postMessage('ready');
