import { Alert, Button, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

/** Loading and error display shared by pages; 403 and 404 get their own explicit results. */
export const QueryState = ({
  error,
  loading,
  onRetry,
  forbiddenTitle,
  notFoundTitle,
  forbiddenText,
}: {
  error: unknown;
  loading: boolean;
  onRetry?: () => void;
  forbiddenTitle?: string;
  forbiddenText?: string;
  notFoundTitle?: string;
}) => {
  const { t } = useTranslation();
  if (loading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error instanceof ApiError && error.status === 403)
    return (
      <Result
        status="403"
        title={forbiddenTitle ?? t('common.error')}
        subTitle={forbiddenText ?? error.message}
      />
    );
  if (error instanceof ApiError && error.status === 404)
    return <Result status="404" title={notFoundTitle ?? t('common.error')} subTitle={error.message} />;
  if (error !== null && error !== undefined)
    return (
      <Alert
        type="error"
        showIcon
        message={t('common.error')}
        description={error instanceof Error ? error.message : JSON.stringify(error)}
        action={onRetry === undefined ? undefined : <Button onClick={onRetry}>{t('common.retry')}</Button>}
      />
    );
  return null;
};
