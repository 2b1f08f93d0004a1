/**
 * The seeding port: what a data generator (the demo bank, src/demo) needs from a database to fill it, and
 * nothing more. The server implements it (src/server/db/seeding.ts); the generator never sees SQL, tables'
 * indexes or connections, so src/demo and src/server do not import each other (lint enforces it).
 */

/** What a seeded database says about its data (kept by the server, read back by `caiban start`). */
export type SeedMarker = { customers: number; seed: number; asOf: string; version: number };

/** Loads rows into one table. */
export type SeedWriter = {
  /** Rows in PostgreSQL COPY text format (tab-separated, \N for null, one row per line) into table(columns). */
  copy(table: string, columns: readonly string[], text: string): Promise<void>;
};

export type SeedingPort = {
  /**
   * Replaces the contents of `tables` atomically: refuses a database that holds staff but no seed marker (a
   * real installation) unless `force`, empties the tables, lets `fill` load them, and records `marker` (at
   * `markedAt`) — all in one transaction, so a failure leaves the previous data intact.
   */
  replace(
    tables: readonly string[],
    opts: { force: boolean; marker: SeedMarker; markedAt: string },
    fill: (w: SeedWriter) => Promise<void>,
  ): Promise<void>;
  /** A password hash the server's login accepts, from a fixed salt (so two seeds are byte-identical). */
  hashPassword(password: string, salt: Uint8Array): Promise<string>;
};
