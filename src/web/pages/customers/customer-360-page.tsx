import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { Customer360 } from '../../../contracts/customers.js';
import { apiFetch } from '../../api/client.js';
import { useAuth } from '../../auth/auth-context.js';
import { QueryState } from '../../components/query-state.js';
import { Activity } from './activity-card.js';
import { AssetMix } from './asset-mix-card.js';
import { CustomerTotals } from './customer-totals.js';
import { HoldingsTable } from './holdings-table.js';
import { ProfileCard } from './profile-card.js';
import { InsightPanel } from '../rm-assistant/insight-panel.js';
import { ConsentCard } from '../outbox/consent-card.js';

/** The customer whose 360 is shown: the route's id for staff, the logged-in customer on /me. */
const useCustomer360 = (idParam: string | undefined) => {
  const { user } = useAuth();
  const id =
    idParam ?? (user?.customerId === null || user?.customerId === undefined ? '' : String(user.customerId));
  const query = useQuery({
    queryKey: ['customer360', id],
    queryFn: () => apiFetch<Customer360>(`/api/customers/${encodeURIComponent(id)}`),
    enabled: id !== '',
    retry: false,
  });
  return { id, query };
};

/** Customer 360 for staff (/workbench/customers/:id) and for a customer viewing themselves (/me). */
export const Customer360Page = () => {
  const { permissions } = useAuth();
  const { t } = useTranslation();
  const { id: idParam } = useParams();
  const { id, query } = useCustomer360(idParam);
  if (query.isPending || query.error)
    return (
      <Card data-testid="c360-state">
        <QueryState
          loading={query.isPending}
          error={query.error}
          onRetry={() => void query.refetch()}
          forbiddenTitle={t('c360.refused')}
          forbiddenText={t('c360.refusedText')}
          notFoundTitle={t('c360.notFound')}
        />
      </Card>
    );
  const data = query.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="customer-360">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {data.profile.name}{' '}
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          {t(`segments.${data.profile.segment}`)} · {t('c360.title')}
        </Typography.Text>
        {idParam !== undefined && permissions.includes('advice:write') && (
          <Link
            to={`/workbench/customers/${id}/app`}
            style={{ marginLeft: 16, fontSize: 14 }}
            data-testid="to-customer-app"
          >
            <Button>{t('capp.rmLink')}</Button>
          </Link>
        )}
        {idParam !== undefined && permissions.includes('advice:write') && (
          <Link
            to={`/workbench/customers/${id}/proposal`}
            style={{ marginLeft: 16, fontSize: 14 }}
            data-testid="to-proposal"
          >
            <Button type="primary">{t('analytics.makeProposal')}</Button>
          </Link>
        )}
      </Typography.Title>
      <CustomerTotals data={data} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <ProfileCard data={data} />
        </Col>
        <Col xs={24} xl={10}>
          <AssetMix data={data} />
        </Col>
      </Row>
      <Card title={`${t('c360.holdings')} · ${t('c360.pnl')}`}>
        <HoldingsTable holdings={data.holdings} />
      </Card>
      {idParam !== undefined && permissions.includes('advice:write') && <InsightPanel customerId={id} />}
      <Activity data={data} />
      {idParam !== undefined && (
        <ConsentCard customerId={Number(id)} canEdit={permissions.includes('consents:write')} />
      )}
    </Space>
  );
};
