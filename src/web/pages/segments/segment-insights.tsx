import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Row, Slider, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SegmentProfile } from '../../../contracts/cdp.js';
import type { LookalikeResult } from '../../../contracts/segments.js';
import { apiFetch, ApiError } from '../../api/client.js';
import { EChart } from '../../components/echart.js';

type Bucket = { key: string; count: number };

const bar = (title: string, xs: Bucket[], label: (k: string) => string) => ({
  title: { text: title, textStyle: { fontSize: 13 } },
  tooltip: { trigger: 'axis' },
  grid: { left: 40, right: 10, top: 30, bottom: 30 },
  xAxis: { type: 'category', data: xs.map((x) => label(x.key)), axisLabel: { interval: 0, fontSize: 10 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [{ type: 'bar', data: xs.map((x) => x.count), barMaxWidth: 28 }],
});

const pie = (xs: Bucket[], label: (k: string) => string) => ({
  tooltip: { trigger: 'item' },
  legend: { bottom: 0, type: 'scroll' },
  series: [
    {
      type: 'pie',
      radius: ['35%', '65%'],
      data: xs.filter((x) => x.count > 0).map((x) => ({ name: label(x.key), value: x.count })),
    },
  ],
});

/** Profile charts of the rule being built: tier, age band, risk level, product types held (ECharts). */
export const SegmentProfileCharts = ({ rule }: { rule: string | null }) => {
  const { t } = useTranslation();
  const profile = useQuery({
    queryKey: ['segment-profile', rule],
    enabled: rule !== null,
    queryFn: () =>
      apiFetch<SegmentProfile>('/api/segments/profile', {
        method: 'POST',
        body: { rule: JSON.parse(rule!) as unknown },
      }),
  });
  const d = profile.data;
  return (
    <Card title={t('seg.profile')} style={{ marginTop: 16 }} data-testid="segment-profile">
      {d === undefined ? (
        <span>—</span>
      ) : (
        <Row gutter={8} data-testid="segment-profile-charts" data-count={d.count}>
          <Col xs={24} md={12}>
            <EChart height={220} option={pie(d.tier, (k) => t(`seg.tiers.${k}`))} />
          </Col>
          <Col xs={24} md={12}>
            <EChart height={220} option={bar(t('seg.ageBand'), d.ageBand, (k) => k)} />
          </Col>
          <Col xs={24} md={12}>
            <EChart height={220} option={bar(t('seg.attrs.risk_level'), d.riskLevel, (k) => k)} />
          </Col>
          <Col xs={24} md={12}>
            <EChart height={220} option={bar(t('seg.productType'), d.productTypes, (k) => k)} />
          </Col>
        </Row>
      )}
    </Card>
  );
};

/** Lookalike of the current rule's customers (up to 5 000 seed ids from the preview) or of a saved segment. */
export const LookalikePanel = ({ segmentId, sample }: { segmentId: number | null; sample: number[] }) => {
  const { t } = useTranslation();
  const [size, setSize] = useState(50);
  const run = useMutation({
    mutationFn: () =>
      apiFetch<LookalikeResult>('/api/segments/lookalike', {
        method: 'POST',
        body: segmentId !== null ? { segmentId, size } : { customerIds: sample, size },
      }),
  });
  return (
    <Card title={t('seg.lookalike')} style={{ marginTop: 16 }} data-testid="lookalike">
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>{t('seg.lookalikeHint')}</div>
        <Space style={{ width: '100%' }}>
          {t('seg.lookalikeSize')}
          <Slider
            data-testid="lookalike-size"
            style={{ width: 200 }}
            min={10}
            max={1000}
            step={10}
            value={size}
            onChange={(v) => setSize(v)}
          />
          <span>{size}</span>
          <Button
            data-testid="lookalike-run"
            disabled={segmentId === null && sample.length === 0}
            loading={run.isPending}
            onClick={() => run.mutate()}
          >
            {t('seg.lookalikeRun')}
          </Button>
        </Space>
        {run.error instanceof ApiError && <Alert type="error" message={run.error.message} />}
        {run.data && (
          <>
            <Space>
              <Statistic title={t('seg.lookalikeSeed')} value={run.data.seedSize} />
              <Statistic
                title={t('seg.lookalikeAuc')}
                value={run.data.holdoutAuc ?? '—'}
                valueRender={(n) => <span data-testid="lookalike-auc">{n}</span>}
              />
              <Statistic title={t('seg.lookalikeScored')} value={run.data.scored} />
            </Space>
            <Table
              data-testid="lookalike-table"
              rowKey="id"
              size="small"
              pagination={{ pageSize: 10 }}
              dataSource={run.data.customers}
              columns={[
                {
                  title: t('seg.customer'),
                  dataIndex: 'id',
                  render: (id: number) => <Link to={`/workbench/customers/${id}`}>{id}</Link>,
                },
                { title: t('seg.score'), dataIndex: 'score', render: (s: number) => s.toFixed(3) },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
};
