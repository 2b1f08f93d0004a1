import type { Rng } from '../core/random.js';
import { personName } from './names.js';

export type OrgLevel = 'hq' | 'branch' | 'outlet';
export type DemoOrgUnit = {
  id: string;
  parentId: string | null;
  level: OrgLevel;
  name: string;
  city: string | null;
};

/** Where an outlet's customers live: city, tier (1 = 一线 … 5 = 县域), share living in a county, ID region code. */
export type OutletGeo = {
  outletId: string;
  province: string;
  city: string;
  tier: number;
  countyShare: number;
  regionCode: string;
};

export type StaffRole = 'admin' | 'ops' | 'branch_manager' | 'rm' | 'auditor';
export type DemoStaff = {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  orgUnitId: string;
};

export const DEMO_PASSWORD = 'demo1234';

type OutletSpec = [
  id: string,
  name: string,
  city: string,
  tier: number,
  countyShare: number,
  regionCode: string,
];
type BranchSpec = { id: string; name: string; city: string; province: string; outlets: OutletSpec[] };

/** 1 HQ, 3 branches in cities of different tiers, 4 outlets each (the last of each reaches county customers). */
const BRANCHES: BranchSpec[] = [
  {
    id: 'BR01',
    name: '上海分行',
    city: '上海',
    province: '上海市',
    outlets: [
      ['OU0101', '陆家嘴支行', '上海', 1, 0, '310115'],
      ['OU0102', '徐汇支行', '上海', 1, 0, '310104'],
      ['OU0103', '静安支行', '上海', 1, 0, '310106'],
      ['OU0104', '崇明支行', '上海', 1, 0.6, '310151'],
    ],
  },
  {
    id: 'BR02',
    name: '成都分行',
    city: '成都',
    province: '四川省',
    outlets: [
      ['OU0201', '锦江支行', '成都', 2, 0, '510104'],
      ['OU0202', '高新支行', '成都', 2, 0, '510107'],
      ['OU0203', '绵阳支行', '绵阳', 3, 0.2, '510703'],
      ['OU0204', '郫都支行', '成都', 2, 0.5, '510124'],
    ],
  },
  {
    id: 'BR03',
    name: '郑州分行',
    city: '郑州',
    province: '河南省',
    outlets: [
      ['OU0301', '金水支行', '郑州', 2, 0, '410105'],
      ['OU0302', '洛阳支行', '洛阳', 3, 0.15, '410302'],
      ['OU0303', '南阳支行', '南阳', 4, 0.35, '411302'],
      ['OU0304', '兰考支行', '开封', 5, 0.9, '410225'],
    ],
  },
];

export type DemoOrg = {
  units: DemoOrgUnit[];
  staff: DemoStaff[];
  outlets: OutletGeo[];
  rmsByOutlet: Map<string, number[]>;
};

export const RM_COUNT = 40;

export const generateOrg = (rng: Rng): DemoOrg => {
  const units: DemoOrgUnit[] = [
    { id: 'HQ', parentId: null, level: 'hq', name: '财伴演示银行总行', city: '上海' },
  ];
  const outlets: OutletGeo[] = [];
  for (const b of BRANCHES) {
    units.push({ id: b.id, parentId: 'HQ', level: 'branch', name: b.name, city: b.city });
    for (const [id, name, city, tier, countyShare, regionCode] of b.outlets) {
      units.push({ id, parentId: b.id, level: 'outlet', name, city });
      outlets.push({ outletId: id, province: b.province, city, tier, countyShare, regionCode });
    }
  }
  const staff: DemoStaff[] = [
    { id: 1, username: 'admin', displayName: '系统管理员', role: 'admin', orgUnitId: 'HQ' },
    {
      id: 2,
      username: 'ops01',
      displayName: `${personName(rng, rng.next() < 0.5 ? 'M' : 'F')}（运营）`,
      role: 'ops',
      orgUnitId: 'HQ',
    },
    {
      id: 3,
      username: 'auditor01',
      displayName: `${personName(rng, 'F')}（合规）`,
      role: 'auditor',
      orgUnitId: 'HQ',
    },
  ];
  BRANCHES.forEach((b, k) => {
    staff.push({
      id: 4 + k,
      username: `bm0${k + 1}`,
      displayName: personName(rng, rng.next() < 0.5 ? 'M' : 'F'),
      role: 'branch_manager',
      orgUnitId: b.id,
    });
  });
  // 40 RMs over 12 outlets: 3 each, plus one more in the four busiest (first outlet of each branch and Shanghai 徐汇).
  const busy = new Set(['OU0101', 'OU0102', 'OU0201', 'OU0301']);
  const rmsByOutlet = new Map<string, number[]>();
  let n = 0;
  for (const o of outlets) {
    const count = 3 + (busy.has(o.outletId) ? 1 : 0);
    const ids: number[] = [];
    for (let j = 0; j < count; j++) {
      n++;
      const id = 6 + n;
      staff.push({
        id,
        username: `rm${String(n).padStart(3, '0')}`,
        displayName: personName(rng, rng.next() < 0.55 ? 'F' : 'M'),
        role: 'rm',
        orgUnitId: o.outletId,
      });
      ids.push(id);
    }
    rmsByOutlet.set(o.outletId, ids);
  }
  if (n !== RM_COUNT) throw new Error(`demo org: expected ${RM_COUNT} RMs, built ${n}`);
  return { units, staff, outlets, rmsByOutlet };
};
