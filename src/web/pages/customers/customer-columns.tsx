import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { CustomerSummary } from '../../../contracts/customers.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatMoney } from '../../format.js';

const SEGMENT_COLORS: Record<string, string> = {
  mass: 'default',
  affluent: 'blue',
  wealth: 'gold',
  private: 'volcano',
};

/** The customer list's columns: identity (masked when PII is not cleared), segment, AUM, risk level, RM. */
export const customerColumns = (t: TFunction): ColumnsType<CustomerSummary> => [
  { title: t('customers.id'), dataIndex: 'id', width: 110 },
  {
    title: t('customers.name'),
    dataIndex: 'name',
    render: (name: string, r) => (
      <Space>
        <Typography.Link data-testid="customer-link">{name}</Typography.Link>
        {r.masked && <Tag>{t('customers.masked')}</Tag>}
      </Space>
    ),
  },
  {
    title: t('customers.gender'),
    dataIndex: 'gender',
    width: 70,
    render: (g: string) => t(`genders.${g}`),
  },
  { title: t('customers.age'), dataIndex: 'age', width: 70 },
  { title: t('customers.phone'), dataIndex: 'phone' },
  { title: t('customers.city'), dataIndex: 'city' },
  {
    title: t('customers.segment'),
    dataIndex: 'segment',
    render: (v: string) => <Tag color={SEGMENT_COLORS[v] ?? 'default'}>{t(`segments.${v}`)}</Tag>,
  },
  { title: t('customers.aum'), dataIndex: 'aum', align: 'right', render: (v: string) => formatMoney(v) },
  {
    title: t('customers.riskLevel'),
    dataIndex: 'riskLevel',
    width: 90,
    render: (v: string) => <RiskTag level={v} />,
  },
  {
    title: t('customers.riskAssessedAt'),
    dataIndex: 'riskAssessedAt',
    render: (v: string, r) => (
      <Space>
        {v}
        {r.assessmentExpired && <Tag color="red">{t('customers.assessmentExpired')}</Tag>}
      </Space>
    ),
  },
  { title: t('customers.rm'), dataIndex: 'rmName' },
];
