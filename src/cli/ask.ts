import type { Command } from 'commander';
import { AdvisorMessageRequest } from '../contracts/advisor.js';
import { badInput } from '../core/errors.js';
import { DEFAULT_POLICY } from '../core/suitability/policy.js';
import type { Principal } from '../server/auth/principal.js';
import { llmConfigFromEnv } from '../server/llm/client.js';
import { createSession, postMessage } from '../server/modules/advisor/service.js';
import { openFromFlags, withDbFlags, type DbFlags } from './db-target.js';
import { printJson, runAction } from './io/output.js';

type AskOpts = DbFlags & { customer: string; session?: string; json?: boolean };

/**
 * One turn with the advisor as the customer, against the platform's database: the same service the HTTP chat
 * calls (dialogue engine, tools, guard, stored turns and annotations). Without --session a new one starts.
 */
const ask = async (text: string, o: AskOpts): Promise<void> => {
  const id = Number(o.customer);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw badInput('--customer', 'expected a customer id (a positive integer)');
  const body = AdvisorMessageRequest.safeParse({ text });
  if (!body.success) throw badInput('TEXT', body.error.issues[0]!.message);
  const { db } = await openFromFlags(o);
  try {
    const deps = {
      db,
      sessionSecret: 'cli',
      now: () => new Date(),
      demoMode: false,
      policy: DEFAULT_POLICY,
      llm: llmConfigFromEnv(),
      nudge: () => undefined,
    };
    const principal: Principal = {
      kind: 'customer',
      id: String(id),
      role: 'customer',
      displayName: `customer ${id}`,
      username: null,
      orgUnitId: null,
      branchId: null,
      staffId: null,
      customerId: id,
      sessionHash: 'cli',
    };
    const session = o.session ?? (await createSession(deps, principal)).id;
    const out = await postMessage(deps, principal, session, body.data, `cli-${Date.now()}`);
    if (o.json) printJson({ ...out, session });
    else {
      process.stdout.write(`${out.reply.text}\n`);
      if (out.reply.cards.length > 0)
        process.stdout.write(`[${out.reply.cards.map((c) => String(c.type)).join(', ')}]\n`);
      process.stdout.write(
        `(session ${session}; intent ${out.intent}${out.flow ? `; flow ${out.flow.name}/${out.flow.step}` : ''})\n`,
      );
    }
  } finally {
    await db.close();
  }
};

export const register = (program: Command): void => {
  withDbFlags(
    program
      .command('ask')
      .description('One turn with the AI advisor as a customer / 智能投顾对话')
      .argument('<text>', 'what the customer says')
      .requiredOption('--customer <id>', 'the customer id')
      .option('--session <id>', 'continue this session (printed as "session" by the previous turn)')
      .option('--json', 'print one JSON document on stdout'),
  ).action((text: string, o: AskOpts) => runAction(Boolean(o.json), () => ask(text, o)));
};
