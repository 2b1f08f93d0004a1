import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';

type TagItem = { key: string; name: string; kind: string; description: string; count: number };

export const TagCataloguePage = () => {
  const { t } = useTranslation();
  const tags = useQuery({ queryKey: ['tags'], queryFn: () => apiFetch<{ items: TagItem[] }>('/api/tags') });
  return (
    <Card title={t('seg.tags')}>
      {tags.error ? (
        <QueryState loading={false} error={tags.error} />
      ) : (
        <Table<TagItem>
          rowKey="key"
          size="small"
          data-testid="tag-catalogue"
          loading={tags.isPending}
          dataSource={tags.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('seg.tagKey'), dataIndex: 'key' },
            { title: t('seg.tagName'), dataIndex: 'name' },
            {
              title: t('seg.tagKind'),
              dataIndex: 'kind',
              render: (k: string) => <Tag>{t(`seg.kinds.${k}`)}</Tag>,
            },
            { title: '', dataIndex: 'description' },
            { title: t('seg.tagCount'), dataIndex: 'count', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
};
