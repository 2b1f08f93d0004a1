import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from '../../../contracts/customers.js';
import { EChart } from '../../components/echart.js';
import { formatMoney } from '../../format.js';

const COLORS = [
  '#c1381c',
  '#f08a24',
  '#fadb14',
  '#52c41a',
  '#13c2c2',
  '#1677ff',
  '#722ed1',
  '#eb2f96',
  '#8c8c8c',
];

/** Holdings by product type as a doughnut. */
export const AssetMix = ({ data }: { data: Customer360 }) => {
  const { t } = useTranslation();
  if (data.assetMix.length === 0)
    return (
      <Card title={t('c360.assetMix')} style={{ height: '100%' }}>
        <Empty />
      </Card>
    );
  const option = {
    tooltip: { trigger: 'item', valueFormatter: (v: number) => formatMoney(v.toFixed(2)) },
    legend: { orient: 'vertical', right: 0, top: 'middle' },
    color: COLORS,
    series: [
      {
        type: 'pie',
        radius: ['42%', '68%'],
        center: ['36%', '50%'],
        avoidLabelOverlap: true,
        label: { formatter: '{d}%', overflow: 'none' },
        labelLine: { length: 8, length2: 6 },
        data: data.assetMix.map((m) => ({
          name: t(`productTypes.${m.productType}`),
          value: Number(m.marketValue),
        })),
      },
    ],
  };
  return (
    <Card title={t('c360.assetMix')} style={{ height: '100%' }} data-testid="asset-mix">
      <EChart option={option} height={260} />
    </Card>
  );
};
