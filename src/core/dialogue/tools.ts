import type { z } from 'zod';
import type { HeldUnits } from '../advisory/holding.js';
import type { AdvisoryProduct } from '../advisory/product.js';
import type { IndexLevels } from '../advisory/attribution/attribution.js';
import type { HoldingTargets } from '../advisory/alerts/types.js';
import type { ShelfContext } from '../advisory/shelf-context.js';
import type { StatementTransaction } from '../advisory/statement/types.js';
import type { KbIndex } from '../nlu/kb.js';
import type { Purpose } from '../portfolio/allocation/types.js';
import type { ProductType } from '../product-types.js';
import type { InvestorLevel, ProductRiskLevel } from '../suitability/types.js';
import type { QuestionnaireResult } from '../suitability/questionnaire.js';
import type { Card, DialogueCustomer, SlotMap } from './types.js';

/** An allocation request in the proposal engine's terms (amount in yuan). */
export type ProposalArgs = {
  readonly purpose: Purpose;
  readonly amount: number;
  readonly horizonMonths: number;
  readonly riskAppetite: InvestorLevel;
  readonly liquidityNeed: 'low' | 'medium' | 'high';
};

export type ProposalOutcome = {
  readonly effective_level: string;
  readonly expected_return: number | null;
  readonly volatility: number | null;
  readonly picks: readonly {
    readonly code: string;
    readonly name: string;
    readonly risk: ProductRiskLevel;
    readonly type: ProductType;
    readonly weight: number;
    readonly amount: number;
  }[];
};

/**
 * What the tools read and write: the platform's data for one customer. The server implements it over the
 * database and its services (src/server/modules/advisor/data.ts); tests over a deterministic fixture.
 */
export type AdvisorData = {
  /** The open shelf with NAV histories, and the business date it is valued on. */
  shelf(): Promise<{ readonly asOf: string; readonly products: readonly AdvisoryProduct[] }>;
  holdings(): Promise<readonly HeldUnits[]>;
  /** Annual income and cash outside the invested portfolio, fen. */
  finances(): Promise<{ readonly annualIncomeFen: number; readonly cashFen: number }>;
  transactions(): Promise<readonly StatementTransaction[]>;
  /** Index closes by code (benchmarks, market view); null when unknown. */
  indexLevels(code: string): Promise<IndexLevels | null>;
  /** The allocation proposal engine (server: modules/advice/proposal.ts, audited). */
  proposal(req: ProposalArgs): Promise<ProposalOutcome>;
  saveAlertTargets(productCode: string, targets: Required<HoldingTargets>): Promise<void>;
  /** A completed questionnaire (the level takes effect once the customer confirms it where required). */
  saveAssessment(result: QuestionnaireResult, answers: Readonly<Record<string, string>>): Promise<void>;
  /** A complaint ticket; returns its reference. */
  createTicket(text: string): Promise<string>;
};

export type ToolContext = {
  readonly customer: DialogueCustomer;
  /** Instant of the turn (ISO). */
  readonly now: string;
  readonly data: AdvisorData;
  readonly kb: KbIndex | null;
  /** The customer's message of this turn (normalised). */
  readonly text: string;
  /** Shelf context shared by the tools of one turn. */
  shelfContext(): Promise<ShelfContext>;
};

export type ToolResult = {
  readonly text: string;
  readonly cards?: readonly Card[];
  /** Slots the tool sets on the flow (branch conditions read them). */
  readonly set?: SlotMap;
  /** Product types the text talks about (their disclosures are added). */
  readonly productTypes?: readonly ProductType[];
};

export type Tool<S extends z.ZodType = z.ZodType> = {
  readonly name: string;
  readonly description: string;
  readonly args: S;
  run(args: z.infer<S>, ctx: ToolContext): Promise<ToolResult> | ToolResult;
};

export const defineTool = <S extends z.ZodType>(t: Tool<S>): Tool => t;

export type ToolRegistry = ReadonlyMap<string, Tool>;

export const toolRegistry = (tools: readonly Tool[]): ToolRegistry => {
  const m = new Map<string, Tool>();
  for (const t of tools) {
    if (m.has(t.name)) throw new Error(`duplicate tool ${t.name}`);
    m.set(t.name, t);
  }
  return m;
};

/** A tool's arguments failed validation: the flow (or the LLM) passed something the tool does not accept. */
export class ToolArgsError extends Error {
  constructor(
    readonly tool: string,
    readonly issues: string,
  ) {
    super(`tool ${tool}: bad arguments: ${issues}`);
  }
}

export const runTool = async (
  registry: ToolRegistry,
  name: string,
  rawArgs: unknown,
  ctx: ToolContext,
): Promise<ToolResult> => {
  const tool = registry.get(name);
  if (tool === undefined) throw new Error(`unknown tool ${name}`);
  const parsed = tool.args.safeParse(rawArgs);
  if (!parsed.success)
    throw new ToolArgsError(
      name,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; '),
    );
  return tool.run(parsed.data, ctx);
};
