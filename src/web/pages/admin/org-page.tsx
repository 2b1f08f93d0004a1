import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Table, Tag, Tree } from 'antd';
import type { TreeDataNode as DataNode } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgUnit, StaffMember } from '../../../contracts/org.js';
import { apiFetch, qs } from '../../api/client.js';
import { QueryState } from '../../components/query-state.js';

const toTree = (units: OrgUnit[], parent: string | null): DataNode[] =>
  units
    .filter((u) => u.parentId === parent)
    .map((u) => ({ key: u.id, title: `${u.name} · ${u.customerCount}`, children: toTree(units, u.id) }));

export const OrgPage = () => {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const units = useQuery({
    queryKey: ['org'],
    queryFn: () => apiFetch<{ items: OrgUnit[] }>('/api/org/units'),
  });
  const staff = useQuery({
    queryKey: ['staff', unit, page],
    queryFn: () =>
      apiFetch<{ items: StaffMember[]; total: number }>(
        '/api/org/staff' + qs({ orgUnitId: unit, page, pageSize: 20 }),
      ),
  });
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Card title={t('admin.orgTree')}>
          {units.data ? (
            <Tree
              defaultExpandAll
              treeData={toTree(units.data.items, null)}
              onSelect={(keys) => {
                setUnit(keys[0] === undefined ? undefined : String(keys[0]));
                setPage(1);
              }}
            />
          ) : (
            <QueryState loading={units.isPending} error={units.error} />
          )}
        </Card>
      </Col>
      <Col span={16}>
        <Card title={t('admin.staff')}>
          {staff.error ? (
            <QueryState loading={false} error={staff.error} />
          ) : (
            <Table<StaffMember>
              rowKey="id"
              size="small"
              loading={staff.isFetching}
              dataSource={staff.data?.items ?? []}
              pagination={{ current: page, pageSize: 20, total: staff.data?.total ?? 0, onChange: setPage }}
              columns={[
                { title: t('admin.username'), dataIndex: 'username' },
                { title: t('admin.name'), dataIndex: 'displayName' },
                {
                  title: t('admin.role'),
                  dataIndex: 'role',
                  render: (r: string) => <Tag>{t(`roles.${r}`)}</Tag>,
                },
                { title: t('admin.orgUnit'), dataIndex: 'orgUnitName' },
                { title: t('admin.customerCount'), dataIndex: 'customerCount', align: 'right' },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
};
