import { readFileSync } from 'node:fs';
import type pg from 'pg';

/**
 * CPU seconds spent by the PostgreSQL backends of one database over a phase of a bench: wall time on a shared
 * machine says little (the run waits for cores other work holds), CPU time does. Read from /proc (Linux, local
 * server only; `stop` gives null otherwise). Backends are polled every 100 ms, so one that exits during the phase
 * keeps its last reading, and one born during the phase counts from zero. The connection `client` (the bench's own
 * admin client) is left out.
 */
export type BackendCpuMeter = { start(): Promise<void>; stop(): Promise<number | null> };

const CLOCK_TICKS = 100; // USER_HZ on Linux

const cpuOf = (pid: number): number | null => {
  try {
    // Fields after the command name ("pid (comm) state …"): utime and stime are the 14th and 15th of the line.
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
};

export const backendCpuMeter = (client: pg.Client): BackendCpuMeter => {
  let first = new Map<number, number>();
  let last = new Map<number, number>();
  let unreadable = false;
  let polling = false;
  let poller: Promise<void> = Promise.resolve();
  const read = async (initial: boolean) => {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    for (const { pid } of rows) {
      const s = cpuOf(pid);
      if (s === null) {
        // A backend that exited between the listing and the read (a pool closing an idle connection) keeps its
        // last reading; none ever readable means /proc does not show the server's processes (not local).
        unreadable = true;
        continue;
      }
      if (!first.has(pid)) first.set(pid, initial ? s : 0);
      last.set(pid, s);
    }
  };
  return {
    start: async () => {
      first = new Map();
      last = new Map();
      unreadable = false;
      await read(true);
      polling = true;
      poller = (async () => {
        while (polling) {
          await read(false);
          await new Promise((res) => setTimeout(res, 100));
        }
      })();
    },
    stop: async () => {
      polling = false;
      await poller;
      await read(false);
      if (unreadable && last.size === 0) return null;
      let s = 0;
      for (const [pid, v] of last) s += v - (first.get(pid) ?? 0);
      return s;
    },
  };
};
