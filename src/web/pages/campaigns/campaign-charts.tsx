import { Alert, Space, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import type { CampaignResultsBody } from '../../../contracts/campaigns.js';
import { EChart } from '../../components/echart.js';

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const pts = (x: number) => (x * 100).toFixed(1);

/** Conversion rate per arm as bars, each with its 95 % Wilson interval drawn as a whisker. */
export const rateChartOption = (r: CampaignResultsBody): EChartsCoreOption => {
  const arms = r.arms.map((a) => a.arm);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: arms },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        name: 'rate',
        barWidth: '40%',
        data: r.arms.map((a) => Number((a.rate * 100).toFixed(2))),
      },
      ...r.arms.map((a) => ({
        type: 'line',
        name: `${a.arm} 95% CI`,
        symbol: 'rect',
        symbolSize: [14, 2],
        lineStyle: { color: '#333', width: 2 },
        itemStyle: { color: '#333' },
        tooltip: { show: false },
        data: [
          [a.arm, Number((a.rateCi[0] * 100).toFixed(2))],
          [a.arm, Number((a.rateCi[1] * 100).toFixed(2))],
        ],
      })),
    ],
  };
};

/** Cumulative conversions per arm by business date. */
export const cumulativeChartOption = (r: CampaignResultsBody): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 48, right: 16, top: 32, bottom: 32 },
  xAxis: { type: 'category', data: r.daily.map((d) => d.date) },
  yAxis: { type: 'value' },
  series: r.arms.map((a) => ({
    type: 'line',
    name: a.arm,
    data: r.daily.map((d) => d.cumulative[a.arm] ?? 0),
  })),
});

/** The SRM verdict, the uplift of each arm in words, and the two charts. */
export const CampaignResultsView = ({ r }: { r: CampaignResultsBody }) => {
  const { t } = useTranslation();
  const words = r.arms
    .filter((a) => !a.holdout)
    .map((a) => {
      const v = a.vsHoldout;
      if (v === null) return t('camp.noHoldout');
      return t(v.lift >= 0 ? 'camp.upliftWords' : 'camp.downliftWords', {
        arm: a.arm,
        rate: pct(a.rate),
        lift: pts(Math.abs(v.lift)),
        lo: pts(v.liftCi[0]),
        hi: pts(v.liftCi[1]),
        chance: pct(v.chanceToBeatHoldout, 0),
      });
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="campaign-results">
      {r.srm.warning ? (
        <Alert
          type="error"
          showIcon
          message={t('camp.srmWarning', { p: r.srm.p.toPrecision(2) })}
          data-testid="srm-warning"
        />
      ) : (
        <Alert type="success" message={t('camp.srmOk', { p: r.srm.p.toPrecision(2) })} />
      )}
      {words.map((w, i) => (
        <Typography.Paragraph key={i} data-testid="uplift-words">
          {w}
        </Typography.Paragraph>
      ))}
      <Typography.Title level={5}>{t('camp.rateChart')}</Typography.Title>
      <EChart option={rateChartOption(r)} height={280} />
      <Typography.Title level={5}>{t('camp.cumulativeChart')}</Typography.Title>
      <EChart option={cumulativeChartOption(r)} height={280} />
    </Space>
  );
};
