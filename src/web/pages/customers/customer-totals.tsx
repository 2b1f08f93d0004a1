import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from '../../../contracts/customers.js';
import { fenToYuan, yuanToFen } from '../../../contracts/money.js';
import { formatMoney, formatPercent, gainColor, signOf } from '../../format.js';

/**
 * Total assets (AUM) and what they consist of: holdings at the latest NAV plus deposits, shown as their own line
 * so that the figures on screen add up; then the holdings' P&L.
 */
export const CustomerTotals = ({ data }: { data: Customer360 }) => {
  const { t } = useTranslation();
  const pnlSign = signOf(data.totals.pnl);
  const deposits = fenToYuan(yuanToFen(data.profile.aum) - yuanToFen(data.totals.marketValue));
  const items: Array<[string, string, string | undefined]> = [
    ['c360.totalAssets', formatMoney(data.profile.aum), undefined],
    ['display.totals.holdings', formatMoney(data.totals.marketValue), undefined],
    ['display.totals.deposits', formatMoney(deposits), undefined],
    ['c360.profit', formatMoney(data.totals.pnl), gainColor(pnlSign)],
    ['c360.profitRate', formatPercent(data.totals.pnlRate), gainColor(data.totals.pnlRate)],
  ];
  return (
    <Card data-testid="customer-totals">
      <Row gutter={[24, 16]}>
        {items.map(([k, v, color]) => (
          <Col key={k} xs={12} md={8} xl={{ flex: '20%' }}>
            <Statistic title={t(k)} value={v} valueStyle={color === undefined ? {} : { color }} />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('display.totals.reconcile')}
      </Typography.Text>
    </Card>
  );
};
