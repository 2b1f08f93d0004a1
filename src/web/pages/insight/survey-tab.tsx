import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Input, Space, Statistic, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FACTORS } from '../../../core/insight/factors.js';
import { SURVEY_TOPICS } from '../../../core/insight/survey-topics.js';
import { ApiError, apiFetch, qs } from '../../api/client.js';
import { EChart } from '../../components/echart.js';
import { distributionOption, topicOption, whiskerOption } from './survey-charts.js';
import type { Driver, Summary } from './survey-charts.js';

type RowError = { row: number; column: string; value: string; message: string };
type Interval = { estimate: number; ci_low: number; ci_high: number };
type Drivers = {
  n: number;
  nps_mean: number;
  detractor_rate: number;
  satisfaction: Driver[];
  detractors: Driver[];
  importance: Array<{ key: string; mean_abs_shap: number }>;
  with_without: {
    n: number;
    note: string;
    rows: Array<{ factor: string; without: Interval | null; with: Interval | null; shift: number | null }>;
  };
};
type ImportResult = { imported: number; rejected_rows: number; errors: RowError[]; tagger: string };

const fmt = (v: number | null | undefined, d = 3): string =>
  v === null || v === undefined ? '—' : v.toFixed(d);

/** Label of a factor, a CSAT item or a negative topic mention in the current language. */
const useDriverLabel = () => {
  const { i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (key: string): string => {
    const f = FACTORS.find((x) => x.key === key);
    if (f) return zh ? f.zh : f.en;
    const topic = SURVEY_TOPICS.find((x) => `negative_${x.key}` === key);
    if (topic) return zh ? `负面提及：${topic.zh}` : `Negative mention: ${topic.en}`;
    return key;
  };
};

/** The file as base64 (the import takes JSON). */
const base64Of = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

const DriverTable = ({ ds, label }: { ds: Driver[]; label: (k: string) => string }) => {
  const { t } = useTranslation();
  return (
    <Table<Driver>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={ds}
      columns={[
        { title: t('insightSurvey.driver'), render: (_, d) => label(d.key) },
        { title: t('insightSurvey.source'), render: (_, d) => t(`insightSurvey.${d.source}`) },
        {
          title: t('insightSurvey.estimate'),
          render: (_, d) =>
            d.status === 'estimated' ? (
              fmt(d.estimate)
            ) : (
              <Tag color="orange" title={d.reason ?? ''}>
                {t('insightSurvey.insufficient')}
              </Tag>
            ),
        },
        { title: t('insightSurvey.ci'), render: (_, d) => `[${fmt(d.ci_low)}, ${fmt(d.ci_high)}]` },
        { title: t('insightSurvey.unit'), dataIndex: 'unit' },
      ]}
    />
  );
};

/** Import with the list of bad rows. */
const ImportCard = ({ onDone }: { onDone: () => void }) => {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [keep, setKeep] = useState(false);
  const [errors, setErrors] = useState<RowError[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: async () =>
      apiFetch<ImportResult>('/api/insight/surveys', {
        method: 'POST',
        body: {
          file: await base64Of(file!),
          ...(/\.xlsx$/i.test(file!.name) ? { format: 'xlsx' } : { format: 'csv' }),
          keep_good_rows: keep,
        },
      }),
    onMutate: () => {
      setErrors(null);
      setFailure(null);
    },
    onSuccess: (r) => {
      setErrors(r.errors.length > 0 ? r.errors : null);
      onDone();
    },
    onError: (e) => {
      const list = e instanceof ApiError ? (e.details.errors as RowError[] | undefined) : undefined;
      if (list) setErrors(list);
      setFailure(e.message);
    },
  });
  return (
    <Card size="small" title={t('insightSurvey.importTitle')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <span>{t('insightSurvey.importHint')}</span>
        <Space wrap>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button>{t('insightSurvey.chooseFile')}</Button>
          </Upload>
          <Checkbox checked={keep} onChange={(e) => setKeep(e.target.checked)}>
            {t('insightSurvey.keepGoodRows')}
          </Checkbox>
          <Button
            type="primary"
            disabled={!file}
            loading={run.isPending}
            onClick={() => run.mutate()}
            data-testid="survey-import"
          >
            {t('insightSurvey.importTitle')}
          </Button>
        </Space>
        {run.data && (
          <Alert
            type="success"
            data-testid="survey-imported"
            message={t('insightSurvey.imported', {
              imported: run.data.imported,
              rejected: run.data.rejected_rows,
              tagger: run.data.tagger,
            })}
          />
        )}
        {failure && <Alert type="error" message={errors ? t('insightSurvey.errorsTitle') : failure} />}
        {errors && (
          <Table<RowError>
            size="small"
            data-testid="survey-errors"
            rowKey={(e) => `${e.row}:${e.column}`}
            dataSource={errors}
            pagination={{ pageSize: 10 }}
            columns={[
              { title: t('insightSurvey.row'), dataIndex: 'row', width: 70 },
              { title: t('insightSurvey.column'), dataIndex: 'column', width: 140 },
              { title: t('insightSurvey.value'), dataIndex: 'value', width: 140 },
              { title: t('insightSurvey.fix'), dataIndex: 'message' },
            ]}
          />
        )}
      </Space>
    </Card>
  );
};

/** The 调研 / Survey tab: import, NPS distribution, topic × sentiment, drivers, the with/without table. */
export const SurveyTab = () => {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const label = useDriverLabel();
  const qc = useQueryClient();
  const [asOf, setAsOf] = useState('');
  const summary = useQuery({
    queryKey: ['insight', 'surveys'],
    queryFn: () => apiFetch<Summary>('/api/insight/surveys'),
  });
  const drivers = useMutation({
    mutationFn: () => apiFetch<Drivers>(`/api/insight/surveys/drivers${qs({ as_of: asOf || undefined })}`),
  });
  const s = summary.data;
  const d = drivers.data;
  const names = {
    positive: t('insightSurvey.positive'),
    neutral: t('insightSurvey.neutral'),
    negative: t('insightSurvey.negative'),
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ImportCard onDone={() => void qc.invalidateQueries({ queryKey: ['insight', 'surveys'] })} />
      {s && s.responses > 0 && (
        <>
          <Card size="small" data-testid="survey-summary" data-responses={s.responses}>
            <Space wrap size="large">
              <Statistic title={t('insightSurvey.responses')} value={s.responses} />
              <Statistic title={t('insightSurvey.nps')} value={fmt(s.nps_score, 1)} />
              <Statistic title={t('insightSurvey.promoters')} value={s.promoters} />
              <Statistic title={t('insightSurvey.passives')} value={s.passives} />
              <Statistic title={t('insightSurvey.detractors')} value={s.detractors} />
              {s.csat.map((c) => (
                <Statistic
                  key={c.item}
                  title={`${t('insightSurvey.csat')} ${c.item}`}
                  value={fmt(c.mean, 2)}
                />
              ))}
            </Space>
          </Card>
          <Space wrap style={{ width: '100%' }} align="start">
            <Card size="small" title={t('insightSurvey.distribution')} style={{ width: 480 }}>
              <EChart option={distributionOption(s)} height={260} />
            </Card>
            <Card size="small" title={t('insightSurvey.topicSentiment')} style={{ width: 520 }}>
              <EChart option={topicOption(s, zh, names)} height={260} />
            </Card>
          </Space>
        </>
      )}
      <Card size="small" title={t('insightSurvey.drivers')}>
        <Space wrap>
          <Input
            placeholder={t('insightSurvey.asOf')}
            value={asOf}
            onChange={(e) => setAsOf(e.target.value)}
            style={{ width: 160 }}
          />
          <Button type="primary" loading={drivers.isPending} onClick={() => drivers.mutate()}>
            {t('insightSurvey.compute')}
          </Button>
        </Space>
        {drivers.error && <Alert style={{ marginTop: 8 }} type="error" message={drivers.error.message} />}
        {d && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
            <span>
              {t('insightSurvey.n', {
                n: d.n,
                mean: d.nps_mean.toFixed(2),
                rate: `${(d.detractor_rate * 100).toFixed(1)}%`,
              })}
            </span>
            <Alert type="info" message={t('insightSurvey.driversNote')} />
            <EChart option={whiskerOption(d.satisfaction, label)} height={420} />
            <DriverTable ds={d.satisfaction} label={label} />
          </Space>
        )}
      </Card>
      {d && (
        <Card size="small" title={t('insightSurvey.detractorDrivers')}>
          <EChart option={whiskerOption(d.detractors, label)} height={420} />
          <DriverTable ds={d.detractors} label={label} />
        </Card>
      )}
      {d && (
        <Card size="small" title={t('insightSurvey.withWithout')}>
          <Table
            size="small"
            rowKey="factor"
            pagination={false}
            dataSource={d.with_without.rows}
            columns={[
              { title: t('insightSurvey.factor'), render: (_, r) => label(r.factor) },
              {
                title: t('insightSurvey.without'),
                render: (_, r) =>
                  r.without
                    ? `${fmt(r.without.estimate)} [${fmt(r.without.ci_low)}, ${fmt(r.without.ci_high)}]`
                    : t('insightSurvey.insufficient'),
              },
              {
                title: t('insightSurvey.with'),
                render: (_, r) =>
                  r.with
                    ? `${fmt(r.with.estimate)} [${fmt(r.with.ci_low)}, ${fmt(r.with.ci_high)}]`
                    : t('insightSurvey.insufficient'),
              },
              { title: t('insightSurvey.shift'), render: (_, r) => fmt(r.shift) },
            ]}
          />
          <div style={{ marginTop: 8, color: '#666' }}>
            n = {d.with_without.n}. {d.with_without.note}
          </div>
        </Card>
      )}
      {d && (
        <Card size="small" title={t('insightSurvey.importance')}>
          {d.importance.slice(0, 10).map((i) => (
            <div key={i.key}>
              {label(i.key)}: {i.mean_abs_shap.toFixed(3)}
            </div>
          ))}
        </Card>
      )}
    </Space>
  );
};
