import type { Rng } from '../core/random.js';
import type { InvestorLevel } from '../core/suitability/types.js';
import { addDays, addMonths } from './calendar.js';
import { personName } from './names.js';
import type { DemoOrg, OutletGeo } from './org.js';

export type Segment = 'mass' | 'affluent' | 'wealth' | 'private';

/** A customer profile plus the latent traits that drive behaviour (not stored as such, except where noted). */
export type DemoCustomer = {
  id: number;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  age: number;
  idNumber: string;
  phone: string;
  province: string;
  city: string;
  cityTier: number;
  county: boolean;
  occupation: string;
  education: string;
  annualIncomeFen: number;
  /** Deposits (not stored separately: AUM = deposits + market value of holdings). */
  depositFen: number;
  rmId: number | null;
  orgUnitId: string;
  riskLevel: InvestorLevel;
  riskAssessedAt: string;
  lowestCategory: boolean;
  professional: boolean;
  payroll: boolean;
  elderly: boolean;
  carOwner: boolean;
  onboardedAt: string;
  status: 'active' | 'dormant';
  /** Digital engagement in (0, 1): the confounder of the planted causal model. */
  engagement: number;
  /** Share of financial assets the customer keeps invested (not deposits). */
  investShare: number;
};

export const CUSTOMER_ID_BASE = 10_000_000;

const OCCUPATIONS: ReadonlyArray<readonly [string, number, number]> = [
  // name, weight, median annual income (yuan)
  ['企业职员', 30, 120_000],
  ['公务员/事业单位', 10, 150_000],
  ['教师', 6, 130_000],
  ['医生', 4, 220_000],
  ['IT从业者', 7, 280_000],
  ['金融从业者', 3, 350_000],
  ['个体工商户', 12, 160_000],
  ['企业主', 5, 600_000],
  ['自由职业', 8, 90_000],
  ['农业从业者', 5, 50_000],
];
const OCC_TOTAL = OCCUPATIONS.reduce((a, [, w]) => a + w, 0);
const EDUCATION = ['初中及以下', '高中/中专', '大专', '本科', '硕士及以上'] as const;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * A fictitious resident ID: real region code, birth date, sequence (odd = male), and a check character
 * that is deliberately WRONG (GB 11643 ISO 7064 MOD 11-2 + 1), so the number can never belong to anyone.
 */
export const fakeIdNumber = (
  regionCode: string,
  birthDate: string,
  seq: number,
  gender: 'M' | 'F',
): string => {
  const s = Math.floor(seq % 500) * 2 + (gender === 'M' ? 1 : 0);
  const body = regionCode + birthDate.replaceAll('-', '') + String(s).padStart(3, '0');
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * weights[i]!;
  const valid = '10X98765432'[sum % 11]!;
  const wrong = '10X98765432'[(sum + 1) % 11]!;
  return body + (wrong === valid ? '0' : wrong);
};

/** 11-digit numbers in the 100 block, which the numbering plan never assigns to mobile subscribers (13x–19x). */
export const fakePhone = (customerId: number): string =>
  `100${String(customerId % 100_000_000).padStart(8, '0')}`;

const pickOccupation = (rng: Rng, age: number, county: boolean): [string, number] => {
  if (age >= 62 && rng.next() < 0.85) return ['退休', 70_000];
  let r = rng.next() * OCC_TOTAL;
  for (const [name, w, income] of OCCUPATIONS) {
    r -= w * (county && name === '农业从业者' ? 4 : 1);
    if (r <= 0) return [name, income];
  }
  return ['企业职员', 120_000];
};

/** Age: mixture centred on working ages with a long retired tail, 22–88. */
const drawAge = (rng: Rng): number => {
  const base = rng.next() < 0.78 ? 38 + 11 * rng.normal() : 66 + 7 * rng.normal();
  return Math.round(clamp(base, 22, 88));
};

/** Financial assets (yuan): log-normal body with a Pareto tail (α = 1.2) for the top 3%. */
const drawAssetsYuan = (rng: Rng, incomeYuan: number, age: number): number => {
  const body = Math.exp(
    Math.log(Math.max(20_000, incomeYuan * 0.6)) + 0.9 * rng.normal() + (age - 40) * 0.012,
  );
  const tail = rng.next() < 0.03 ? Math.pow(1 / Math.max(1e-6, rng.next()), 1 / 1.2) : 1;
  return clamp(body * tail, 100, 80_000_000);
};

const drawRiskLevel = (rng: Rng, age: number, assetsYuan: number, engagement: number): InvestorLevel => {
  const score =
    2.6 - (age - 40) * 0.03 + Math.log10(assetsYuan / 100_000) * 0.35 + engagement * 0.8 + 0.9 * rng.normal();
  return (['C1', 'C2', 'C3', 'C4', 'C5'] as const)[clamp(Math.round(score), 1, 5) - 1]!;
};

export const segmentOf = (aumFen: number): Segment =>
  aumFen >= 600_000_000
    ? 'private'
    : aumFen >= 50_000_000
      ? 'wealth'
      : aumFen >= 5_000_000
        ? 'affluent'
        : 'mass';

export const generateCustomer = (rng: Rng, index: number, org: DemoOrg, asOf: string): DemoCustomer => {
  const id = CUSTOMER_ID_BASE + index + 1;
  const outlet: OutletGeo = org.outlets[rng.int(org.outlets.length)]!;
  const gender = rng.next() < 0.51 ? 'F' : 'M';
  const age = drawAge(rng);
  const birthDate = addDays(asOf, -Math.floor(age * 365.25 + rng.next() * 364));
  const county = rng.next() < outlet.countyShare;
  const [occupation, medianIncome] = pickOccupation(rng, age, county);
  const tierFactor = [1.5, 1.2, 1.0, 0.85, 0.7][outlet.tier - 1] ?? 1;
  const incomeYuan = medianIncome * tierFactor * (county ? 0.7 : 1) * Math.exp(0.55 * rng.normal());
  const assetsYuan = drawAssetsYuan(rng, incomeYuan, age);
  const engagement = sigmoid(-0.2 - (age - 40) * 0.035 + (county ? -0.3 : 0.2) + 1.0 * rng.normal());
  const riskLevel = drawRiskLevel(rng, age, assetsYuan, engagement);
  const lowestCategory = riskLevel === 'C1' && rng.next() < 0.15;
  const expired = rng.next() < 0.12;
  const assessedMonthsAgo = expired ? 12 + rng.next() * 18 : rng.next() * 11.9;
  const assessedAt = addDays(
    addMonths(asOf, -Math.floor(assessedMonthsAgo)),
    -Math.floor((assessedMonthsAgo % 1) * 28) - (expired ? 1 : 0),
  );
  const assetsFen = Math.round(assetsYuan * 100);
  const investShare = clamp(0.15 + 0.12 * (Number(riskLevel[1]) - 1) + 0.15 * rng.normal(), 0.02, 0.92);
  const rms = org.rmsByOutlet.get(outlet.outletId) ?? [];
  const hasRm = assetsYuan >= 50_000 || rng.next() < 0.5;
  const educationIdx = clamp(
    Math.round(2.2 + Math.log10(incomeYuan / 100_000) * 1.5 + 0.8 * rng.normal() - (age > 60 ? 1 : 0)),
    0,
    4,
  );
  const onboardYears = Math.min(age - 18, 1 + rng.next() * 15);
  const onboardedAt = addDays(asOf, -Math.floor(onboardYears * 365));
  // Nobody is assessed before becoming a customer (ISO dates compare as strings).
  const riskAssessedAt = assessedAt < onboardedAt ? onboardedAt : assessedAt;
  return {
    id,
    name: personName(rng, gender),
    gender,
    birthDate,
    age,
    idNumber: fakeIdNumber(outlet.regionCode, birthDate, index, gender),
    phone: fakePhone(id),
    province: outlet.province,
    city: outlet.city,
    cityTier: county ? 5 : outlet.tier,
    county,
    occupation,
    education: EDUCATION[educationIdx]!,
    annualIncomeFen: Math.round(incomeYuan) * 100,
    depositFen: Math.round(assetsFen * (1 - investShare)),
    rmId: hasRm && rms.length > 0 ? rms[rng.int(rms.length)]! : null,
    orgUnitId: outlet.outletId,
    riskLevel,
    riskAssessedAt,
    lowestCategory,
    professional: assetsYuan >= 5_000_000 && rng.next() < 0.2,
    payroll: occupation !== '退休' && occupation !== '自由职业' && rng.next() < 0.4,
    elderly: age >= 60,
    carOwner: rng.next() < clamp(0.15 + Math.log10(Math.max(assetsYuan, 1000) / 10_000) * 0.15, 0.05, 0.85),
    onboardedAt,
    status: rng.next() < 0.08 ? 'dormant' : 'active',
    engagement,
    investShare,
  };
};
