import { Alert, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CardResponse } from '../../../contracts/rm-assistant.js';

const pct = (v: number, d = 2) => `${(v * 100).toFixed(d)}%`;

/** Preview of a recommendation card: what the customer sees, the RM's script, disclosures and the guard. */
export const CardPreview = ({ card }: { card: CardResponse }) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const tx = (x: { zh: string; en: string }) => (en ? x.en : x.zh);
  return (
    <Card title={`${t('rmAssist.cardTitle')} · ${tx(card.title)}`} data-testid="card-preview" size="small">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type={card.allowed ? 'success' : 'error'}
          showIcon
          message={card.allowed ? t('rmAssist.guardAllowed') : t('rmAssist.guardRefused')}
          data-testid="card-guard"
          data-allowed={String(card.allowed)}
        />
        <Typography.Paragraph>{tx(card.summary)}</Typography.Paragraph>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('rmAssist.planLevel')}>
            <span data-testid="card-plan-level">{card.planLevel}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('rmAssist.horizon')}>{card.horizonMonths}</Descriptions.Item>
        </Descriptions>
        <List
          header={t('rmAssist.products')}
          dataSource={card.products}
          renderItem={(p) => (
            <List.Item data-testid="card-product">
              <Space direction="vertical" size={2}>
                <span>
                  <b>{p.name}</b> ({p.code}) <Tag>{tx(p.typeLabel)}</Tag>
                  <Tag color="blue">
                    {t('rmAssist.risk')} {p.risk}
                  </Tag>
                  <Tag color={p.suitability.mayRecommend ? 'green' : 'red'}>
                    {t('rmAssist.suitability')} {p.suitability.decision}
                  </Tag>
                  {p.amount.toLocaleString()} · {pct(p.weight, 1)}
                </span>
                <Typography.Text type="secondary">
                  {t('rmAssist.fees')}: {pct(p.fees.purchase)} / {pct(p.fees.redemption)} /{' '}
                  {pct(p.fees.management)}
                </Typography.Text>
                {p.sellingPoints.map((s, k) => (
                  <Tag key={k} color="cyan" data-testid="selling-point">
                    {tx(s)}
                  </Tag>
                ))}
              </Space>
            </List.Item>
          )}
        />
        <Card size="small" type="inner" title={t('rmAssist.script')}>
          <Typography.Paragraph data-testid="card-script">{tx(card.script)}</Typography.Paragraph>
        </Card>
        <Card size="small" type="inner" title={t('rmAssist.disclosures')}>
          {card.disclosures.map((d, k) => (
            <div key={k}>{tx(d)}</div>
          ))}
        </Card>
        {card.share !== null && (
          <Space wrap>
            <Typography.Text copyable data-testid="card-share">
              {`${window.location.origin}${card.share.path}`}
            </Typography.Text>
            <Typography.Link href={`${card.share.path}/image.svg`} target="_blank" data-testid="card-image">
              {t('rmAssist.shareImage')}
            </Typography.Link>
          </Space>
        )}
      </Space>
    </Card>
  );
};
