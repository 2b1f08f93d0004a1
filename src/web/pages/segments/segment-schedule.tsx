import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { message, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../contracts/segments.js';
import { presetOf, REFRESH_PRESETS } from '../../../core/schedule/cron.js';
import type { RefreshPreset } from '../../../core/schedule/cron.js';
import { apiFetch } from '../../api/client.js';
import { formatDateTime } from '../../format.js';

type Refresh = { at: string; scheduledFor: string; count: number; ms: number; trigger: string };

const PRESETS = Object.keys(REFRESH_PRESETS) as RefreshPreset[];

/** 不刷新/每天/每周/每小时 as a select over cron values; a cron set through the API shows as "custom". */
export const RefreshSelect = (p: {
  value: string | null;
  onChange: (cron: string | null) => void;
  disabled?: boolean;
  testId?: string;
}) => {
  const { t } = useTranslation();
  const current = presetOf(p.value);
  const options: { value: string; label: string }[] = PRESETS.map((k) => ({
    value: k,
    label: t(`jobs.refresh.${k}`),
  }));
  if (current === 'custom')
    options.push({ value: 'custom', label: t('jobs.refresh.custom', { cron: p.value }) });
  return (
    <Select
      data-testid={p.testId}
      style={{ width: 150 }}
      size="small"
      disabled={p.disabled === true}
      value={current}
      options={options}
      aria-label={t('jobs.refresh.label')}
      onChange={(k: string) => {
        if (k !== 'custom') p.onChange(REFRESH_PRESETS[k as RefreshPreset]);
      }}
    />
  );
};

/** The refresh schedule of one saved segment, changed in place (PUT with the segment's own name and rule). */
export const SegmentScheduleCell = ({ segment }: { segment: Segment }) => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: (refreshCron: string | null) =>
      apiFetch<Segment>(`/api/segments/${segment.id}`, {
        method: 'PUT',
        body: { name: segment.name, description: segment.description, rule: segment.rule, refreshCron },
      }),
    onSuccess: () => {
      void message.success(t('jobs.refresh.saved'));
      return qc.invalidateQueries({ queryKey: ['segments'] });
    },
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <RefreshSelect
      testId={`segment-refresh-${segment.id}`}
      value={segment.refreshCron}
      disabled={segment.kind === 'group' || save.isPending}
      onChange={(cron) => save.mutate(cron)}
    />
  );
};

/** The latest scheduled refreshes of a segment with their counts (the trend of its size). */
export const SegmentRefreshHistory = ({ segmentId }: { segmentId: number }) => {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['segment-refreshes', segmentId],
    queryFn: () => apiFetch<{ items: Refresh[] }>(`/api/segments/${segmentId}/refreshes`),
  });
  return (
    <Table<Refresh>
      rowKey="at"
      size="small"
      data-testid={`segment-refreshes-${segmentId}`}
      loading={history.isPending}
      dataSource={(history.data?.items ?? []).slice(0, 10)}
      pagination={false}
      locale={{ emptyText: t('jobs.refresh.empty') }}
      title={() => t('jobs.refresh.history')}
      columns={[
        { title: t('jobs.refresh.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
        { title: t('jobs.refresh.count'), dataIndex: 'count', align: 'right' },
      ]}
    />
  );
};
