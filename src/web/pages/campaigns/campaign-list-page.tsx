import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Campaign } from '../../../contracts/campaigns.js';
import { apiFetch, ApiError } from '../../api/client.js';

const STATUS_COLOR = { draft: 'default', running: 'processing', ended: 'success' } as const;

/** 活动与实验: every campaign with its status; operations open one or start a new draft. */
export const CampaignListPage = () => {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['campaigns'],
    queryFn: () => apiFetch<{ items: Campaign[] }>('/api/campaigns'),
  });
  return (
    <Card
      title={t('camp.list')}
      data-testid="campaign-list"
      extra={
        <Link to="/console/campaigns/new">
          <Button type="primary" data-testid="campaign-new">
            {t('camp.create')}
          </Button>
        </Link>
      }
    >
      {list.error instanceof ApiError && <Alert type="error" message={list.error.message} />}
      <Table
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('camp.name'),
            dataIndex: 'name',
            render: (name: string, c: Campaign) => <Link to={`/console/campaigns/${c.id}`}>{name}</Link>,
          },
          { title: t('camp.key'), dataIndex: 'key' },
          {
            title: t('camp.status'),
            dataIndex: 'status',
            render: (s: Campaign['status']) => <Tag color={STATUS_COLOR[s]}>{t(`camp.statuses.${s}`)}</Tag>,
          },
          {
            title: t('camp.launchedAt'),
            dataIndex: 'launchedAt',
            render: (v: string | null) => (v === null ? '—' : new Date(v).toLocaleString()),
          },
        ]}
      />
    </Card>
  );
};
