import type { Command } from 'commander';
import { badInput } from '../core/errors.js';
import { DEMO_DEFAULTS } from '../demo/bank.js';
import { seedDemoBank } from '../demo/seed.js';
import { trueEffects } from '../demo/truths.js';
import { advisoryTruths } from '../demo/advisory-truths.js';
import { perCustomerTruths } from './demo-truths.js';
import { migrate } from '../server/db/migrate.js';
import { openFromFlags, withDbFlags } from './db-target.js';
import type { DbFlags } from './db-target.js';
import { log, printJson, runAction } from './io/output.js';
import { writeTable } from './io/table-write.js';
import { exportGeneratedSubscriptions } from '../demo/subscription-export.js';
import { exportGeneratedSurveys } from '../demo/survey-export.js';
import { readSeedMarker } from '../server/db/seeding.js';
import { exportSubscriptions } from '../server/modules/subscriptions/service.js';
import { seedingPort } from '../server/db/seeding.js';
import { openPglite } from '../server/db/connection.js';
import type { Database } from '../server/db/connection.js';
import {
  EXPORT_TABLE_NAMES,
  assertExportable,
  isExportTable,
  readExportTable,
} from '../server/db/table-export.js';
import type { ExportCell, ExportTableName } from '../server/db/table-export.js';
import { z } from 'zod';
import { intFlag, parseOptions } from './io/options.js';

const int = (flag: string, raw: string | undefined, dflt: number): number =>
  raw === undefined
    ? dflt
    : parseOptions(z.object({ [flag.slice(2)]: intFlag(0) }), { [flag.slice(2)]: raw })[flag.slice(2)]!;

type DemoFlags = { customers?: string; seed?: string; asOf?: string; json?: boolean };

const progressPrinter = (): ((done: number, total: number) => void) => {
  let last = 0;
  return (done, total) => {
    const pct = Math.floor((done / Math.max(1, total)) * 100);
    if (process.stderr.isTTY) process.stderr.write(`\rseeding customers ${done}/${total} (${pct}%)`);
    else if (pct >= last + 10 || done === total) {
      last = pct;
      log(`seeding customers ${done}/${total} (${pct}%)`);
    }
    if (done === total && process.stderr.isTTY) process.stderr.write('\n');
  };
};

const EXPORT_TABLES = ['subscriptions', 'surveys', ...EXPORT_TABLE_NAMES] as const;
/** Excel's sheet limit, header row excluded. */
const XLSX_MAX_ROWS = 1_048_575;

type ExportFlags = DemoFlags & DbFlags & { table: string; out: string };

type Exported = { source: string; data: { columns: string[]; rows: ExportCell[][] } };

/** A bank generated with the flags' options into an in-memory database (no files written), for tables read by SQL. */
const withGeneratedBank = async <T>(
  bank: { customers: number; seed: number; asOf: string },
  fn: (db: Database) => Promise<T>,
): Promise<T> => {
  const db = await openPglite(null);
  try {
    await migrate(db);
    await seedDemoBank(seedingPort(db), { ...bank, force: false, onProgress: progressPrinter() });
    return await fn(db);
  } finally {
    await db.close();
  }
};

const readRows = async (db: Database, table: ExportTableName, out: string): Promise<Exported['data']> => {
  await assertExportable(db);
  const rows: ExportCell[][] = [];
  const xlsx = /\.xlsx$/i.test(out);
  const columns = await readExportTable(db, table, (batch) => {
    if (xlsx && rows.length + batch.length > XLSX_MAX_ROWS)
      throw badInput(
        '--out',
        `table ${table} has more than ${XLSX_MAX_ROWS.toLocaleString('en')} rows, more than an Excel sheet holds: write a .csv file instead`,
      );
    for (const r of batch) rows.push(r);
  });
  return { columns, rows };
};

/**
 * Reads a table from the seeded database, or — when --customers/--seed/--as-of is given — from a bank generated
 * with those options without any database file (the same rows a bank seeded with those options holds). The
 * subscription table is the analyst's derived table (one row per subscription year); the others are the raw
 * tables, columns as stored.
 */
const exportTable = async (opts: ExportFlags): Promise<Exported> => {
  if (!(EXPORT_TABLES as readonly string[]).includes(opts.table))
    throw badInput('--table', `expected one of ${EXPORT_TABLES.join(', ')}, got "${opts.table}"`);
  const generated = opts.customers !== undefined || opts.seed !== undefined || opts.asOf !== undefined;
  const raw = isExportTable(opts.table) ? opts.table : null;
  if (generated) {
    if (opts.databaseUrl !== undefined || opts.dataDir !== undefined)
      throw badInput(
        '--customers',
        'give either --customers/--seed/--as-of (generate without a database) or --database-url/--data-dir (read the seeded bank), not both',
      );
    const customers = int('--customers', opts.customers, DEMO_DEFAULTS.customers);
    const seed = int('--seed', opts.seed, DEMO_DEFAULTS.seed);
    const asOf = opts.asOf ?? DEMO_DEFAULTS.asOf;
    const source = `generator:customers=${customers},seed=${seed},asOf=${asOf}`;
    if (opts.table === 'surveys') return { source, data: exportGeneratedSurveys({ customers, seed, asOf }) };
    if (raw === null) return { source, data: exportGeneratedSubscriptions({ customers, seed, asOf }) };
    return {
      source,
      data: await withGeneratedBank({ customers, seed, asOf }, (db) => readRows(db, raw, opts.out)),
    };
  }
  const { db, target } = await openFromFlags(opts);
  try {
    if (opts.table === 'surveys') {
      // Survey answers are not stored by the seed: they are generated for the bank the database holds.
      const m = await readSeedMarker(db);
      if (!m)
        throw badInput(
          '--table',
          'surveys are generated for a seeded demo bank; seed one first (caiban demo seed) or give --customers/--seed',
        );
      return { source: target, data: exportGeneratedSurveys(m) };
    }
    return {
      source: target,
      data: raw === null ? await exportSubscriptions(db) : await readRows(db, raw, opts.out),
    };
  } finally {
    await db.close();
  }
};

/** `caiban demo seed`, `caiban demo truths` and `caiban demo export`. */
export const register = (program: Command): void => {
  const demo = program.command('demo').description('deterministic demo bank / 演示银行数据');
  withDbFlags(
    demo
      .command('seed')
      .description(
        '(re)generate the demo bank: truncates the demo tables, then fills them / 重新生成演示数据',
      )
      .option('--customers <n>', `number of customers (default ${DEMO_DEFAULTS.customers})`)
      .option('--seed <s>', `random seed (default ${DEMO_DEFAULTS.seed})`)
      .option('--as-of <date>', `reference date YYYY-MM-DD (default ${DEMO_DEFAULTS.asOf})`)
      .option('--force', 'replace the data even if the database is not a demo bank'),
  )
    .option('--json', 'print one JSON document')
    .action(async (opts: DemoFlags & DbFlags & { force?: boolean }) => {
      await runAction(opts.json === true, async () => {
        const customers = int('--customers', opts.customers, DEMO_DEFAULTS.customers);
        const seed = int('--seed', opts.seed, DEMO_DEFAULTS.seed);
        const asOf = opts.asOf ?? DEMO_DEFAULTS.asOf;
        const { db, target } = await openFromFlags(opts);
        try {
          await migrate(db);
          const r = await seedDemoBank(seedingPort(db), {
            customers,
            seed,
            asOf,
            force: opts.force === true,
            onProgress: progressPrinter(),
          });
          if (opts.json) printJson({ target, ...r });
          else
            log(
              `${target}: demo bank seeded (${customers} customers, seed ${seed}, as of ${asOf}) in ${r.seconds.toFixed(1)} s`,
            );
        } finally {
          await db.close();
        }
      });
    });
  demo
    .command('truths')
    .description(
      'true effects of the planted renewal model and the planted advisory cases of a demo bank (docs/demo-data.md) / 预设真值',
    )
    .option('--customers <n>', `number of customers (default ${DEMO_DEFAULTS.customers})`)
    .option('--seed <s>', `random seed (default ${DEMO_DEFAULTS.seed})`)
    .option('--as-of <date>', `reference date YYYY-MM-DD (default ${DEMO_DEFAULTS.asOf})`)
    .option('--json', 'print one JSON document')
    .option(
      '--per-customer',
      'also list the planted coupon and live-stream effect of every subscription year',
    )
    .action(async (opts: DemoFlags & { perCustomer?: boolean }) => {
      await runAction(opts.json === true, () => {
        const customers = int('--customers', opts.customers, DEMO_DEFAULTS.customers);
        const seed = int('--seed', opts.seed, DEMO_DEFAULTS.seed);
        const bank = { customers, seed, asOf: opts.asOf ?? DEMO_DEFAULTS.asOf };
        // The causal truths, and where the advisory services' planted cases sit (issue 11).
        const perCustomer = opts.perCustomer === true ? { per_customer: perCustomerTruths(bank) } : {};
        printJson({ ...trueEffects(bank), advisory: advisoryTruths(bank), ...perCustomer });
      });
    });
  withDbFlags(
    demo
      .command('export')
      .description(
        'export a table of the demo bank (CSV or .xlsx): subscriptions = one row per paid-advisory subscription year; surveys = generated survey answers (NPS, CSAT, comment) to import with `caiban insight survey import`; the others as stored / 导出数据表',
      )
      .requiredOption('--table <name>', `table to export: ${EXPORT_TABLES.join(', ')}`)
      .requiredOption('--out <file>', 'output file (.csv, or .xlsx for Excel)')
      .option('--customers <n>', 'generate a bank of n customers without a database instead of reading one')
      .option('--seed <s>', `random seed of the generated bank (default ${DEMO_DEFAULTS.seed})`)
      .option('--as-of <date>', `reference date of the generated bank (default ${DEMO_DEFAULTS.asOf})`),
  )
    .option('--json', 'print one JSON document')
    .action(async (opts: ExportFlags) => {
      await runAction(opts.json === true, async () => {
        const { source, data } = await exportTable(opts);
        await writeTable(opts.out, data.columns, data.rows);
        const renewed = data.columns.indexOf('renewed');
        const decided =
          opts.table === 'subscriptions' ? data.rows.filter((r) => r[renewed] !== '').length : undefined;
        if (opts.json)
          printJson({
            table: opts.table,
            source,
            out: opts.out,
            rows: data.rows.length,
            ...(decided === undefined ? {} : { decided }),
            columns: data.columns,
          });
        else
          log(
            `${source}: ${data.rows.length} ${opts.table} rows${decided === undefined ? '' : ` (${decided} with a decided renewal)`} → ${opts.out}`,
          );
      });
    });
};
