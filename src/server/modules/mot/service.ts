import type { Database } from '../../db/index.js';
import { escalateOverdue } from './leads.js';
import { runDue } from './run-due.js';
import { scanSchedules } from './scan.js';
import type { MotCounts, MotDeps } from './state.js';
import { addCounts } from './state.js';

export { runDue } from './run-due.js';
export { scanSchedules } from './scan.js';
export { escalateOverdue, leadsOf, listLeads, updateLeadStatus, addLeadNote } from './leads.js';
export { dryRun, ruleStats } from './stats.js';
export { loadRules, saveRule, setSwitch } from './rules.js';
export type { Enqueue, MotCounts, MotDeps } from './state.js';

/**
 * One pass of the MOT engine at `now` (what `caiban mot run` does and the server's job runs): the receipts due,
 * the day's scans, and the escalation of leads past their SLA. Every part is idempotent, so the pass may be
 * repeated or run by two workers at once.
 */
export const motTick = async (
  db: Database,
  now: Date,
  deps: MotDeps,
): Promise<MotCounts & { escalated: number }> => {
  const due = await runDue(db, now, deps);
  const scans = await scanSchedules(db, now, deps);
  const escalated = await escalateOverdue(db, now);
  return { ...addCounts(due, scans), escalated };
};
