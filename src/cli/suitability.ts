import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { badInput } from '../core/errors.js';
import {
  CHANNELS,
  CIVIL_CAPACITIES,
  DEFAULT_POLICY,
  DEFAULT_QUESTIONNAIRE,
  INITIATORS,
  checkAssessmentFrequency,
  checkSuitability,
  definePolicy,
  isInvestorLevel,
  isProductRiskLevel,
  levelChange,
  scoreQuestionnaire,
  type Channel,
  type CivilCapacity,
  type Initiator,
  type PolicyOverrides,
  type Questionnaire,
  type QuestionnaireAnswers,
  type SuitabilityInput,
  type SuitabilityPolicy,
} from '../core/suitability/index.js';
import { log, printJson, runAction } from './io/output.js';

type CheckOptions = {
  investor: string;
  product: string;
  channel: string;
  initiatedBy?: string;
  age?: string;
  lowestCategory?: boolean;
  professional?: boolean;
  civilCapacity?: string;
  assessedAt?: string;
  on?: string;
  productTermMonths?: string;
  horizonMonths?: string;
  productType?: string;
  experience?: string;
  policy?: string;
  json?: boolean;
};

/** Today's local business date: the CLI (not the core) owns the clock. */
const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const readJsonFile = async (path: string, flag: string, expected: string): Promise<unknown> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw badInput(flag, `cannot read "${path}"; give a JSON file with ${expected}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw badInput(flag, `"${path}" is not valid JSON (${(e as Error).message})`);
  }
};

const loadPolicy = async (path: string | undefined): Promise<SuitabilityPolicy> => {
  if (path === undefined) return DEFAULT_POLICY;
  const raw = await readJsonFile(path, '--policy', 'a policy object {"version", "validityMonths", …}');
  if (typeof raw !== 'object' || raw === null) throw badInput('--policy', 'expected a JSON object');
  return definePolicy(raw as PolicyOverrides);
};

const num = (v: string | undefined, flag: string, integer: boolean): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
    throw badInput(flag, `expected a ${integer ? 'whole ' : ''}number ≥ 0, got "${v}"`);
  }
  return n;
};

const oneOf = <T extends string>(v: string, allowed: readonly T[], flag: string): T => {
  if (!(allowed as readonly string[]).includes(v))
    throw badInput(flag, `expected ${allowed.join('|')}, got "${v}"`);
  return v as T;
};

/** Maps the CLI flags onto the library input (names of ../shared/CLI.md). */
export const suitabilityInputFromFlags = (o: CheckOptions): SuitabilityInput => {
  const investor = o.investor.trim().toUpperCase();
  const product = o.product.trim().toUpperCase();
  if (!isInvestorLevel(investor)) throw badInput('--investor', `expected C1..C5, got "${o.investor}"`);
  if (!isProductRiskLevel(product)) throw badInput('--product', `expected R1..R5, got "${o.product}"`);
  const age = num(o.age, '--age', true);
  const term = num(o.productTermMonths, '--product-term-months', false);
  const horizon = num(o.horizonMonths, '--horizon-months', false);
  const experience = o.experience
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return {
    investor,
    product,
    channel: oneOf<Channel>(o.channel, CHANNELS, '--channel'),
    initiatedBy: oneOf<Initiator>(o.initiatedBy ?? 'customer', INITIATORS, '--initiated-by'),
    civilCapacity: oneOf<CivilCapacity>(o.civilCapacity ?? 'full', CIVIL_CAPACITIES, '--civil-capacity'),
    lowestCategory: o.lowestCategory === true,
    professional: o.professional === true,
    on: o.on ?? today(),
    ...(age === undefined ? {} : { age }),
    ...(o.assessedAt === undefined ? {} : { assessedAt: o.assessedAt }),
    ...(term === undefined ? {} : { productTermMonths: term }),
    ...(horizon === undefined ? {} : { investorHorizonMonths: horizon }),
    ...(o.productType === undefined ? {} : { productType: o.productType }),
    ...(experience === undefined ? {} : { experiencedProductTypes: experience }),
  };
};

/** Library field names → CLI flag names, so that errors name the flag the user typed. */
const FLAG_OF: Readonly<Record<string, string>> = {
  assessed_at: '--assessed-at',
  on: '--on',
  age: '--age',
};

const registerCheck = (group: Command): void => {
  group
    .command('check')
    .description('Suitability decision investor C1–C5 × product R1–R5 (regulation §1, spec v1) / 适当性匹配')
    .requiredOption('--investor <level>', 'investor risk level C1..C5')
    .requiredOption('--product <level>', 'product risk level R1..R5')
    .requiredOption('--channel <channel>', 'bank | securities')
    .option('--initiated-by <who>', 'customer | advisor (default customer)')
    .option('--age <years>', 'investor age in whole years')
    .option('--lowest-category', 'investor is in the lowest risk category (风险承受能力最低类别)')
    .option('--professional', 'professional investor (专业投资者)')
    .option('--civil-capacity <capacity>', 'full | limited | none (default full)')
    .option('--assessed-at <date>', 'date of the last risk assessment YYYY-MM-DD (absent = none on file)')
    .option('--on <date>', 'decision date YYYY-MM-DD (default today)')
    .option('--product-term-months <n>', 'product term in months (horizon check)')
    .option('--horizon-months <n>', 'investor horizon in months (horizon check)')
    .option('--product-type <type>', 'product type, e.g. fund_equity, structured (experience check)')
    .option('--experience <types>', 'comma-separated product types the investor has experience with')
    .option('--policy <file>', 'institution policy JSON (version, validityMonths, elderlyAge, …)')
    .option('--json', 'print one JSON document on stdout')
    .action(async (o: CheckOptions) =>
      runAction(o.json === true, async () => {
        const policy = await loadPolicy(o.policy);
        const input = suitabilityInputFromFlags(o);
        let result;
        try {
          result = checkSuitability(input, policy);
        } catch (e) {
          const field = (e as { details?: { field?: string } }).details?.field;
          const flag = field === undefined ? undefined : FLAG_OF[field];
          if (flag !== undefined && e instanceof Error)
            throw badInput(flag, e.message.replace(/^[^:]+: /, ''));
          throw e;
        }
        if (o.json === true) return printJson(result);
        log(
          `${result.decision}  may_recommend=${result.may_recommend}  enhanced_duty=${result.enhanced_duty}`,
        );
        for (const m of result.messages) log(`  ${m.code}: ${m.zh} / ${m.en}`);
        log(`  rule=${result.rule} (step ${result.step})  policy=${result.policy_version}`);
      }),
    );
};

type ScoreOptions = { answers: string; questionnaire?: string; previousLevel?: string; json?: boolean };

const registerScore = (group: Command): void => {
  group
    .command('score')
    .description(
      'Score a risk questionnaire: answers → score → C1–C5 and the lowest-category flag / 风险测评计分',
    )
    .requiredOption('--answers <file>', 'JSON object {"Q1": "A", "Q6": ["B","D"], …}')
    .option('--questionnaire <file>', 'questionnaire JSON (default: the built-in 12-question questionnaire)')
    .option('--previous-level <level>', 'level before this assessment (re-confirmation signal)')
    .option('--json', 'print one JSON document on stdout')
    .action(async (o: ScoreOptions) =>
      runAction(o.json === true, async () => {
        const answers = await readJsonFile(o.answers, '--answers', 'answers keyed by question id');
        if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
          throw badInput('--answers', 'expected a JSON object keyed by question id, e.g. {"Q1": "A"}');
        }
        const qn =
          o.questionnaire === undefined
            ? DEFAULT_QUESTIONNAIRE
            : ((await readJsonFile(o.questionnaire, '--questionnaire', 'a questionnaire')) as Questionnaire);
        const result = scoreQuestionnaire(qn, answers as QuestionnaireAnswers);
        const prev = o.previousLevel?.trim().toUpperCase();
        if (prev !== undefined && !isInvestorLevel(prev)) {
          throw badInput('--previous-level', `expected C1..C5, got "${o.previousLevel}"`);
        }
        const out = { ...result, level_change: levelChange(prev, result.level) };
        if (o.json === true) return printJson(out);
        log(
          `${out.level} (score ${out.score}/${out.max_score})${out.lowest_category ? ' lowest category' : ''}`,
        );
      }),
    );
};

type FrequencyOptions = { history?: string; on?: string; json?: boolean };

const registerFrequency = (group: Command): void => {
  group
    .command('frequency')
    .description('May the customer take another risk assessment? (NFRA: 2 a day, 8 in 12 months) / 测评频次')
    .option('--history <dates>', 'comma-separated dates of earlier assessments YYYY-MM-DD', '')
    .option('--on <date>', 'date of the new assessment YYYY-MM-DD (default today)')
    .option('--json', 'print one JSON document on stdout')
    .action(async (o: FrequencyOptions) =>
      runAction(o.json === true, () => {
        const history = (o.history ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        const result = checkAssessmentFrequency(history, o.on ?? today());
        if (o.json === true) return printJson(result);
        log(`${result.allowed ? 'allowed' : 'refused'}; next allowed on ${result.next_allowed_on}`);
      }),
    );
};

/** `caiban suitability check|score|frequency` (../shared/CLI.md § Suitability). */
export const register = (program: Command): void => {
  const group = program.command('suitability').description('Suitability rules engine / 适当性管理');
  registerCheck(group);
  registerScore(group);
  registerFrequency(group);
};
