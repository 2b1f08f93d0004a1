import { AppError } from '../../../core/errors.js';
import { subscriptionTable, type SubscriptionExport } from '../../../core/subscription-table.js';
import type { Database } from '../../db/index.js';
import { isMigrated } from '../../db/index.js';
import { listSubscriptionFacts } from './repo.js';

/**
 * The subscription table read from the seeded database (what a bank's analyst would export). An empty or
 * unmigrated database is an error that says how to fill it, not an empty file.
 */
export const exportSubscriptions = async (db: Database): Promise<SubscriptionExport> => {
  const fill = 'seed the demo bank first (`caiban demo seed`, or `caiban start` on first run)';
  if (!(await isMigrated(db))) throw new AppError('NOT_FOUND', `the database has no Caiban tables: ${fill}`);
  const facts = await listSubscriptionFacts(db);
  if (facts.length === 0)
    throw new AppError('NOT_FOUND', `the database holds no paid-advisory subscriptions: ${fill}`);
  return subscriptionTable(facts);
};
