import { Tag } from 'antd';

const COLORS: Record<string, string> = {
  C1: 'green',
  C2: 'cyan',
  C3: 'blue',
  C4: 'orange',
  C5: 'red',
  R1: 'green',
  R2: 'cyan',
  R3: 'blue',
  R4: 'orange',
  R5: 'red',
};

/** Investor (C1–C5) or product (R1–R5) risk level, coloured from calm to hot. */
export const RiskTag = ({ level }: { level: string }) => (
  <Tag color={COLORS[level] ?? 'default'}>{level}</Tag>
);
