import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  open: 'green',
  closed: 'blue',
  matured: 'default',
  ended: 'default',
};

/** A product's status (在售 / 封闭期 / 已到期 / 已终止) as the API derives it. */
export const ProductStatusTag = ({ status }: { status: string }) => {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid="product-status">
      {t(`figures.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
};
