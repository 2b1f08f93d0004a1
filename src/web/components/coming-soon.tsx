import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Honest placeholder for surfaces of later releases: the navigation exists, the feature does not yet. */
export const ComingSoon = ({ title }: { title: string }) => {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      title={`${title} · ${t('common.comingSoon')}`}
      subTitle={t('common.comingSoonText')}
    />
  );
};
