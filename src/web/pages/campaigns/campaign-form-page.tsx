import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, InputNumber, List, Row, Select, Slider, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Campaign, CampaignCheck } from '../../../contracts/campaigns.js';
import type { Segment } from '../../../contracts/segments.js';
import { apiFetch, ApiError } from '../../api/client.js';
import type { ArmDraft, CampaignDraft } from './campaign-draft.js';
import { CHANNELS, CONVERSIONS, definitionOf, newArm, newDraft } from './campaign-draft.js';

type Finding = { blocking?: boolean; match?: string; message?: { zh: string; en: string } };

/** The compliance findings of each arm as the server's check (core/guard) reports them, refreshed while typing. */
const ComplianceFindings = ({ check }: { check: CampaignCheck | undefined }) => {
  const { t, i18n } = useTranslation();
  if (check === undefined) return null;
  const rows = [
    ...check.issues.map((i) => `${i.path}: ${i.message}`),
    ...check.arms.flatMap((a) =>
      (a.findings as Finding[])
        .filter((f) => f.blocking === true)
        .map((f) => {
          const m = f.message === undefined ? '' : i18n.language === 'en' ? f.message.en : f.message.zh;
          return `${t('camp.arm')} ${a.arm}: ${m}${f.match === undefined ? '' : `「${f.match}」`}`;
        }),
    ),
  ];
  return rows.length === 0 ? (
    <Alert type="success" showIcon message={t('camp.compliant')} data-testid="campaign-compliant" />
  ) : (
    <List
      size="small"
      data-testid="campaign-findings"
      header={<b>{t('camp.compliance')}</b>}
      dataSource={rows}
      renderItem={(r) => <List.Item style={{ color: '#cf1322' }}>{r}</List.Item>}
    />
  );
};

const ArmEditor = ({ arm, onChange }: { arm: ArmDraft; onChange: (a: ArmDraft) => void }) => {
  const { t } = useTranslation();
  return (
    <Row gutter={8}>
      <Col xs={12} md={4}>
        <Form.Item label={t('camp.armKey')}>
          <Input value={arm.key} onChange={(e) => onChange({ ...arm, key: e.target.value })} />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item label={t('camp.weight')}>
          <InputNumber min={0} value={arm.weight} onChange={(v) => onChange({ ...arm, weight: v ?? 0 })} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item label={t('camp.channel')}>
          <Select
            value={arm.channel}
            onChange={(channel) => onChange({ ...arm, channel })}
            options={CHANNELS.map((c) => ({ value: c, label: t(`camp.channels.${c}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={10}>
        <Form.Item label={t('camp.products')}>
          <Select
            mode="tags"
            value={arm.products}
            onChange={(products: string[]) => onChange({ ...arm, products })}
          />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label={t('camp.title')}>
          <Input value={arm.title} onChange={(e) => onChange({ ...arm, title: e.target.value })} />
        </Form.Item>
        <Form.Item label={t('camp.body')} extra={t('camp.bodyHelp')}>
          <Input.TextArea
            rows={3}
            value={arm.body}
            data-testid={`campaign-body-${arm.key}`}
            onChange={(e) => onChange({ ...arm, body: e.target.value })}
          />
        </Form.Item>
      </Col>
    </Row>
  );
};

/** The draft form: segment picker, arms with their messages, holdout slider, live compliance findings. */
export const CampaignFormPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<CampaignDraft>(() => newDraft(new Date()));
  const set = (patch: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const segments = useQuery({
    queryKey: ['segments'],
    queryFn: () => apiFetch<{ items: Segment[] }>('/api/segments'),
  });
  const json = useMemo(() => JSON.stringify(definitionOf(draft)), [draft]);
  const [checked, setChecked] = useState(json);
  useEffect(() => {
    const timer = setTimeout(() => setChecked(json), 400);
    return () => clearTimeout(timer);
  }, [json]);
  const check = useQuery({
    queryKey: ['campaign-check', checked],
    queryFn: () =>
      apiFetch<CampaignCheck>('/api/campaigns/check', {
        method: 'POST',
        body: JSON.parse(checked) as unknown,
      }),
  });
  const save = useMutation({
    mutationFn: () => apiFetch<Campaign>('/api/campaigns', { method: 'POST', body: definitionOf(draft) }),
    onSuccess: (c) => navigate(`/console/campaigns/${c.id}`),
  });
  const setArm = (i: number, a: ArmDraft) => set({ arms: draft.arms.map((x, k) => (k === i ? a : x)) });
  return (
    <Card title={t('camp.create')} data-testid="campaign-form">
      <Form layout="vertical">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item label={t('camp.name')}>
              <Input
                value={draft.name}
                onChange={(e) => set({ name: e.target.value })}
                data-testid="campaign-name"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('camp.key')} extra={t('camp.keyHelp')}>
              <Input
                value={draft.key}
                onChange={(e) => set({ key: e.target.value })}
                data-testid="campaign-key"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('camp.segment')}>
              <Select
                value={draft.segmentId}
                onChange={(segmentId: number) => set({ segmentId })}
                loading={segments.isLoading}
                data-testid="campaign-segment"
                options={(segments.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Card size="small" title={t('camp.arms')}>
          {draft.arms.map((a, i) => (
            <Card
              key={i}
              size="small"
              type="inner"
              title={`${t('camp.arm')} ${a.key}`}
              extra={
                draft.arms.length > 1 && (
                  <Button size="small" onClick={() => set({ arms: draft.arms.filter((_, k) => k !== i) })}>
                    {t('camp.removeArm')}
                  </Button>
                )
              }
            >
              <ArmEditor arm={a} onChange={(x) => setArm(i, x)} />
            </Card>
          ))}
          <Button onClick={() => set({ arms: [...draft.arms, newArm(draft.arms.length)] })}>
            {t('camp.addArm')}
          </Button>
        </Card>
        <Row gutter={12} style={{ marginTop: 12 }}>
          <Col xs={24} md={8}>
            <Form.Item label={`${t('camp.holdout')}: ${Math.round(draft.holdout * 100)}%`}>
              <Slider
                min={0}
                max={0.5}
                step={0.01}
                value={draft.holdout}
                onChange={(holdout: number) => set({ holdout })}
                data-testid="campaign-holdout"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={t('camp.conversion')}>
              <Select
                value={draft.conversion}
                onChange={(conversion) => set({ conversion })}
                options={CONVERSIONS.map((c) => ({ value: c, label: t(`camp.conversions.${c}`) }))}
              />
            </Form.Item>
            {draft.conversion === 'event' && (
              <Form.Item label={t('camp.eventType')}>
                <Input value={draft.eventType} onChange={(e) => set({ eventType: e.target.value })} />
              </Form.Item>
            )}
          </Col>
          <Col xs={12} md={4}>
            <Form.Item label={t('camp.windowDays')}>
              <InputNumber
                min={1}
                max={365}
                value={draft.windowDays}
                onChange={(v) => set({ windowDays: v ?? 14 })}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('camp.startAt')}>
              <Input
                type="datetime-local"
                value={draft.startAt}
                onChange={(e) => set({ startAt: e.target.value })}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <ComplianceFindings check={check.data} />
      {save.error instanceof ApiError && (
        <Alert type="error" showIcon message={save.error.message} data-testid="campaign-save-error" />
      )}
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="campaign-save"
        >
          {t('camp.save')}
        </Button>
      </Space>
    </Card>
  );
};
