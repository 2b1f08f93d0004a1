import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, Empty, Row, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/query-state.js';
import { FlowUnitEditor } from './flow-unit-editor.js';
import { opsApi, type UnitList } from './ops-api.js';

type Unit = UnitList['items'][number];

/** Flow sets per org unit (敏捷会话配置): pick a unit, edit its draft, test, publish, roll back. */
export const FlowEditorPage = () => {
  const { t } = useTranslation();
  const units = useQuery({ queryKey: ['advOps', 'units'], queryFn: opsApi.units });
  const [unit, setUnit] = useState<string | null>(null);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={7}>
        <Card title={t('advOps.units')} size="small">
          {units.error ? (
            <QueryState loading={false} error={units.error} />
          ) : (
            <Table<Unit>
              rowKey="org_unit_id"
              size="small"
              data-testid="flow-units"
              loading={units.isPending}
              dataSource={units.data?.items ?? []}
              pagination={false}
              scroll={{ y: 560 }}
              onRow={(u) => ({ onClick: () => setUnit(u.org_unit_id), style: { cursor: 'pointer' } })}
              rowClassName={(u) => (u.org_unit_id === unit ? 'ant-table-row-selected' : '')}
              columns={[
                {
                  title: t('advOps.unit'),
                  dataIndex: 'name',
                  render: (name: string, u) => (
                    <span style={{ paddingLeft: u.level === 'hq' ? 0 : u.level === 'branch' ? 12 : 24 }}>
                      {name}
                    </span>
                  ),
                },
                {
                  title: t('advOps.version'),
                  dataIndex: 'version',
                  width: 110,
                  render: (v: number | null, u) => (
                    <>
                      {v === null ? <Tag>{t('advOps.none')}</Tag> : <Tag color="blue">v{v}</Tag>}
                      {u.has_draft ? <Badge status="processing" text={t('advOps.draft')} /> : null}
                    </>
                  ),
                },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={17}>
        {unit === null ? (
          <Empty description={t('advOps.units')} />
        ) : (
          <FlowUnitEditor key={unit} unit={unit} />
        )}
      </Col>
    </Row>
  );
};
