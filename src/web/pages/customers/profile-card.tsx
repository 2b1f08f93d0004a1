import { Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from '../../../contracts/customers.js';
import { RiskTag } from '../../components/risk-tag.js';

const FLAG_KEYS = ['payroll', 'elderly', 'carOwner', 'professional', 'lowestCategory', 'county'] as const;

/** The customer's profile: identity, risk level and assessment, RM and branch, tags. */
export const ProfileCard = ({ data }: { data: Customer360 }) => {
  const { t } = useTranslation();
  const p = data.profile;
  return (
    <Card title={t('c360.profile')} style={{ height: '100%' }}>
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t('customers.id')}>{p.id}</Descriptions.Item>
        <Descriptions.Item label={t('customers.phone')}>{p.phone}</Descriptions.Item>
        <Descriptions.Item label={t('customers.gender')}>{t(`genders.${p.gender}`)}</Descriptions.Item>
        <Descriptions.Item label={t('customers.age')}>{p.age}</Descriptions.Item>
        <Descriptions.Item label={t('c360.idNumber')}>{p.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('c360.occupation')}>{p.occupation}</Descriptions.Item>
        <Descriptions.Item label={t('customers.city')}>{`${p.province} ${p.city}`}</Descriptions.Item>
        <Descriptions.Item label={t('c360.cityTier')}>{p.cityTier}</Descriptions.Item>
        <Descriptions.Item label={t('customers.riskLevel')}>
          <RiskTag level={p.riskLevel} /> {p.riskAssessedAt}{' '}
          {p.assessmentExpired && <Tag color="red">{t('customers.assessmentExpired')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('c360.since')}>{p.onboardedAt}</Descriptions.Item>
        <Descriptions.Item label={t('customers.rm')}>{p.rmName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('c360.orgUnit')}>{p.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label={t('c360.flags')} span={2}>
          {FLAG_KEYS.filter((k) => p[k]).map((k) => (
            <Tag key={k} color="gold">
              {t(`flags.${k}`)}
            </Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
};
