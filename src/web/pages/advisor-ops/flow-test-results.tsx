import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TestRun } from './ops-api.js';

type Result = TestRun['results'][number];

/** The outcome of a draft's conversation tests: failed first, each failed turn with what it expected. */
export const FlowTestResults = ({ run }: { run: TestRun }) => {
  const { t } = useTranslation();
  return (
    <div style={{ marginTop: 12 }}>
      <div data-testid="test-summary" style={{ marginBottom: 8 }}>
        <Tag color="green">
          {t('advOps.testsPassed')} {run.passed}
        </Tag>
        <Tag color={run.failed === 0 ? 'default' : 'red'}>
          {t('advOps.testsFailed')} {run.failed}
        </Tag>
      </div>
      <Table<Result>
        rowKey={(r) => `${r.source}:${r.name}`}
        size="small"
        dataSource={run.results}
        pagination={{ pageSize: 8, size: 'small' }}
        expandable={{
          rowExpandable: (r) => !r.passed,
          expandedRowRender: (r) => (
            <ul style={{ margin: 0 }}>
              {r.turns
                .filter((x) => x.failures.length > 0)
                .map((x) => (
                  <li key={x.turn}>
                    #{x.turn} 「{x.input}」 → {x.intent} {x.flow ? `${x.flow.name}/${x.flow.step}` : ''}:{' '}
                    {x.failures.join('; ')}
                  </li>
                ))}
            </ul>
          ),
        }}
        columns={[
          {
            title: '',
            dataIndex: 'passed',
            width: 70,
            render: (p: boolean) => (p ? <Tag color="green">✓</Tag> : <Tag color="red">✗</Tag>),
          },
          { title: 'test', dataIndex: 'name' },
          { title: t('advOps.source'), dataIndex: 'source', width: 100 },
        ]}
      />
    </div>
  );
};
