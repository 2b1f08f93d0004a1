import { Table, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Holding } from '../../../contracts/customers.js';
import { RiskTag } from '../../components/risk-tag.js';
import { formatMoney, formatPercent, gainColor, signOf } from '../../format.js';

export const HoldingsTable = ({ holdings }: { holdings: Holding[] }) => {
  const { t } = useTranslation();
  const columns: ColumnsType<Holding> = [
    {
      title: t('c360.product'),
      dataIndex: 'productName',
      render: (name: string, h) => (
        <Link to={`/console/products/${encodeURIComponent(h.productCode)}`}>
          {name} <Typography.Text type="secondary">{h.productCode}</Typography.Text>
        </Link>
      ),
    },
    { title: t('c360.productType'), dataIndex: 'productType', render: (v: string) => t(`productTypes.${v}`) },
    { title: t('c360.risk'), dataIndex: 'productRisk', render: (v: string) => <RiskTag level={v} /> },
    { title: t('c360.units'), dataIndex: 'units', align: 'right', render: (v: string) => formatMoney(v) },
    {
      title: t('c360.latestNav'),
      dataIndex: 'latestNav',
      align: 'right',
      render: (v: string | null, h) => (v === null ? '—' : `${v} (${h.navDate ?? ''})`),
    },
    {
      title: t('c360.marketValue'),
      dataIndex: 'marketValue',
      align: 'right',
      render: (v: string) => formatMoney(v),
    },
    { title: t('c360.cost'), dataIndex: 'cost', align: 'right', render: (v: string) => formatMoney(v) },
    {
      title: t('c360.profit'),
      dataIndex: 'pnl',
      align: 'right',
      render: (v: string) => <span style={{ color: gainColor(signOf(v)) }}>{formatMoney(v)}</span>,
    },
    {
      title: t('c360.profitRate'),
      dataIndex: 'pnlRate',
      align: 'right',
      render: (v: number | null) => <span style={{ color: gainColor(v) }}>{formatPercent(v)}</span>,
    },
  ];
  return (
    <Table<Holding>
      rowKey="productCode"
      size="small"
      scroll={{ x: 'max-content' }}
      columns={columns}
      dataSource={holdings}
      pagination={false}
      data-testid="holdings-table"
    />
  );
};
