import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../contracts/org.js';
import { apiFetch } from '../../api/client.js';
import { useAuth } from '../../auth/auth-context.js';

export type Filters = {
  q?: string;
  rmId?: number;
  riskLevel?: string;
  segment?: string;
  assessment?: string;
  minAumWan?: number | null;
  maxAumWan?: number | null;
};

/** RM picker for managers and head office (an RM's own list needs no picker, and RMs cannot list staff). */
const useRmOptions = (enabled: boolean) =>
  useQuery({
    queryKey: ['rm-options'],
    queryFn: () => apiFetch<{ items: StaffMember[] }>('/api/org/staff?role=rm&pageSize=200'),
    enabled,
    staleTime: 300_000,
  }).data?.items.map((s) => ({ value: s.id, label: `${s.displayName} (${s.username})` })) ?? [];

/**
 * The customer list's filter bar: text, risk level, segment, RM (when the caller may list staff), AUM range.
 * Roles that see masked PII find a customer by an exact full value only (docs/security.md): the hint says so.
 */
export const CustomerFilters = ({
  onChange,
  exactSearchOnly,
}: {
  onChange: (f: Filters) => void;
  exactSearchOnly: boolean;
}) => {
  const { t } = useTranslation();
  const { permissions } = useAuth();
  const rmOptions = useRmOptions(permissions.includes('staff:read'));
  const [form] = Form.useForm<Filters>();
  return (
    <Form form={form} layout="inline" onFinish={onChange} style={{ marginBottom: 16, rowGap: 12 }}>
      <Form.Item name="q">
        <Input.Search
          placeholder={t(
            exactSearchOnly ? 'customers.searchExactPlaceholder' : 'customers.searchPlaceholder',
          )}
          allowClear
          style={{ width: 240 }}
          onSearch={() => form.submit()}
          data-testid="customer-search"
        />
      </Form.Item>
      <Form.Item name="riskLevel" label={t('customers.riskLevel')}>
        <Select
          allowClear
          style={{ width: 100 }}
          placeholder={t('common.all')}
          options={['C1', 'C2', 'C3', 'C4', 'C5'].map((v) => ({ value: v, label: v }))}
        />
      </Form.Item>
      <Form.Item name="segment" label={t('customers.segment')}>
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('common.all')}
          options={['mass', 'affluent', 'wealth', 'private'].map((v) => ({
            value: v,
            label: t(`segments.${v}`),
          }))}
        />
      </Form.Item>
      {rmOptions.length > 0 && (
        <Form.Item name="rmId" label={t('customers.rm')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 180 }}
            placeholder={t('common.all')}
            options={rmOptions}
          />
        </Form.Item>
      )}
      <Form.Item name="assessment" label={t('customers.assessment')}>
        <Select
          allowClear
          style={{ width: 110 }}
          placeholder={t('common.all')}
          options={[
            { value: 'valid', label: t('customers.assessmentValid') },
            { value: 'expired', label: t('customers.assessmentExpired') },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('customers.aumRange')}>
        <Space.Compact>
          <Form.Item name="minAumWan" noStyle>
            <InputNumber min={0} placeholder={t('customers.aumMin')} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="maxAumWan" noStyle>
            <InputNumber min={0} placeholder={t('customers.aumMax')} style={{ width: 120 }} />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
        <Button
          onClick={() => {
            form.resetFields();
            onChange({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Space>
    </Form>
  );
};
