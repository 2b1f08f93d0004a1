import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JobQueueStatus, JobRun, JobsStatus } from '../../../contracts/jobs.js';
import { apiFetch } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';
import { formatDateTime } from '../../format.js';

const RunCell = ({ run, failed }: { run: JobRun | null; failed?: boolean }) => {
  const { t } = useTranslation();
  if (run === null) return <>{t('jobs.never')}</>;
  return (
    <Space direction="vertical" size={0}>
      <span>{run.finishedAt === null ? t('jobs.never') : formatDateTime(run.finishedAt)}</span>
      {failed === true && (
        <>
          <Typography.Text type="danger" data-testid="job-error">
            {run.error ?? ''}
          </Typography.Text>
          <Typography.Text type="secondary">{t('jobs.retryCount', { n: run.retryCount })}</Typography.Text>
        </>
      )}
    </Space>
  );
};

const CountsCell = ({ q }: { q: JobQueueStatus }) => {
  const { t } = useTranslation();
  const c = q.counts;
  return (
    <Space wrap size={4}>
      {c.created > 0 && <Tag>{t('jobs.queued', { n: c.created })}</Tag>}
      {c.retry > 0 && <Tag color="orange">{t('jobs.retrying', { n: c.retry })}</Tag>}
      {c.active > 0 && <Tag color="blue">{t('jobs.running', { n: c.active })}</Tag>}
      {c.failed > 0 && <Tag color="red">{t('jobs.failed', { n: c.failed })}</Tag>}
      <Tag color="green">{t('jobs.completed', { n: c.completed })}</Tag>
    </Space>
  );
};

/** 任务 / Jobs: every durable job with its schedule, queue counts and last runs (operations and admin). */
export const JobsPage = () => {
  const { t } = useTranslation();
  const status = useQuery({
    queryKey: ['jobs'],
    queryFn: () => apiFetch<JobsStatus>('/api/jobs'),
    refetchInterval: 15_000,
  });
  if (status.error) return <QueryState loading={false} error={status.error} />;
  return (
    <Card
      title={t('jobs.title')}
      extra={
        status.data && (
          <Typography.Text type="secondary">
            {t('jobs.timezone', { tz: status.data.timezone })}
          </Typography.Text>
        )
      }
    >
      {status.data?.installed === false && (
        <Alert type="info" showIcon message={t('jobs.notInstalled')} style={{ marginBottom: 12 }} />
      )}
      <Table<JobQueueStatus>
        rowKey="name"
        size="small"
        data-testid="jobs-table"
        loading={status.isPending}
        dataSource={status.data?.queues ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          {
            title: t('jobs.name'),
            key: 'name',
            render: (_, q) => (
              <Space direction="vertical" size={0}>
                <Typography.Text code>{q.name}</Typography.Text>
                <Typography.Text type="secondary">{q.description}</Typography.Text>
                {!q.declared && <Tag color="orange">{t('jobs.undeclared')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('jobs.schedule'),
            key: 'schedule',
            render: (_, q) => (
              <Space direction="vertical" size={0}>
                <span>{q.installedSchedule ?? q.schedule ?? t('jobs.manual')}</span>
                <Typography.Text type="secondary">
                  {t('jobs.retryPolicy', {
                    limit: q.retryLimit ?? 0,
                    delay: q.retryDelay ?? 0,
                    backoff: q.retryBackoff === true ? t('jobs.backoff') : '',
                  })}
                </Typography.Text>
                {q.singleton && <Tag>{t('jobs.singleton')}</Tag>}
              </Space>
            ),
          },
          { title: t('jobs.counts'), key: 'counts', render: (_, q) => <CountsCell q={q} /> },
          {
            title: t('jobs.lastCompleted'),
            key: 'done',
            render: (_, q) => <RunCell run={q.lastCompleted} />,
          },
          {
            title: t('jobs.lastFailed'),
            key: 'failed',
            render: (_, q) => <RunCell run={q.lastFailed} failed />,
          },
        ]}
      />
    </Card>
  );
};
