import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Lead, LeadStatusName } from '../../../contracts/mot.js';
import { apiFetch, qs } from '../../api/client.js';
import { builtinRule } from '../../../core/engagement/builtin-rules.js';

/** A built-in rule's name in the UI language (a custom rule shows its key). */
const ruleName = (key: string, en: boolean): string => {
  const name = builtinRule(key)?.name;
  return name === undefined ? key : en ? name.en : name.zh;
};

const SLA_COLOR = { ok: 'green', due_soon: 'orange', overdue: 'red', closed: 'default' } as const;
const NEXT: Readonly<Record<LeadStatusName, readonly LeadStatusName[]>> = {
  new: ['contacted', 'won', 'lost'],
  contacted: ['won', 'lost'],
  won: [],
  lost: [],
};

/** Status buttons of a lead (lost needs a reason) and its follow-up notes. */
const LeadWork = ({ lead }: { lead: Lead }) => {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: ['leads'] });
  const move = useMutation({
    mutationFn: (status: LeadStatusName) =>
      apiFetch<Lead>(`/api/workbench/leads/${lead.id}`, {
        method: 'PATCH',
        body: status === 'lost' ? { status, lost_reason: reason } : { status },
      }),
    onSuccess: done,
  });
  const addNote = useMutation({
    mutationFn: () =>
      apiFetch(`/api/workbench/leads/${lead.id}/notes`, { method: 'POST', body: { text: note } }),
    onSuccess: () => {
      setNote('');
      done();
    },
  });
  const error = move.error ?? addNote.error;
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 8 }} />}
      {NEXT[lead.status].length > 0 && (
        <Space wrap style={{ marginBottom: 8 }}>
          {NEXT[lead.status].map((s) => (
            <Button
              key={s}
              size="small"
              type={s === 'won' ? 'primary' : 'default'}
              danger={s === 'lost'}
              disabled={s === 'lost' && reason.trim() === ''}
              loading={move.isPending}
              onClick={() => move.mutate(s)}
            >
              {t(`mot.actions.${s}`)}
            </Button>
          ))}
          <Input
            size="small"
            placeholder={t('mot.lostReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            style={{ width: 180 }}
          />
        </Space>
      )}
      {lead.lost_reason !== null && <Typography.Text type="secondary">{lead.lost_reason}</Typography.Text>}
      <List
        size="small"
        header={t('mot.notes')}
        dataSource={lead.notes}
        locale={{ emptyText: ' ' }}
        renderItem={(n) => (
          <List.Item>
            {new Date(n.created_at).toLocaleString()} · {n.text}
          </List.Item>
        )}
      />
      <Space.Compact style={{ width: '100%' }}>
        <Input
          placeholder={t('mot.notePlaceholder')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Button disabled={note.trim() === ''} loading={addNote.isPending} onClick={() => addNote.mutate()}>
          {t('mot.addNote')}
        </Button>
      </Space.Compact>
    </>
  );
};

/** One lead: rule, customer (one click to the 360), due time with its SLA state and the suggested script. */
const LeadCard = ({ lead }: { lead: Lead }) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <Card
      size="small"
      data-testid="lead-card"
      title={
        <Space wrap>
          <Tag color="blue">{ruleName(lead.rule, en)}</Tag>
          <Link to={`/workbench/customers/${lead.customer_id}`}>
            {t('mot.customer')} {lead.customer_id} · {t('mot.open360')}
          </Link>
        </Space>
      }
      extra={
        <Space>
          {lead.escalated_at !== null && <Tag color="red">{t('mot.escalated')}</Tag>}
          <Tag color={SLA_COLOR[lead.sla]}>{t(`mot.sla.${lead.sla}`)}</Tag>
          <Tag>{t(`mot.statuses.${lead.status}`)}</Tag>
        </Space>
      }
    >
      <Typography.Text type="secondary">
        {t('mot.due')}: {new Date(lead.due_at).toLocaleString()}
      </Typography.Text>
      <Typography.Paragraph style={{ marginTop: 8 }}>
        <b>{t('mot.script')}：</b>
        {en ? lead.script_en : lead.script}
      </Typography.Paragraph>
      <LeadWork lead={lead} />
    </Card>
  );
};

/** 今日线索 / Today's leads: the caller's leads (RM: own, branch manager: branch), soonest due first. */
export const LeadsPage = () => {
  const { t } = useTranslation();
  const [status, setStatus] = useState<LeadStatusName | 'all'>('new');
  const leads = useQuery({
    queryKey: ['leads', status],
    queryFn: () =>
      apiFetch<Lead[]>(`/api/workbench/leads${qs({ status: status === 'all' ? undefined : status })}`),
  });
  return (
    <Card title={t('mot.leadsTitle')} data-testid="leads-page">
      <Segmented
        value={status}
        onChange={(v) => setStatus(v as LeadStatusName | 'all')}
        options={[
          { value: 'all', label: t('mot.all') },
          ...(['new', 'contacted', 'won', 'lost'] as const).map((s) => ({
            value: s,
            label: t(`mot.statuses.${s}`),
          })),
        ]}
        style={{ marginBottom: 16 }}
      />
      {leads.error && <Alert type="error" showIcon message={leads.error.message} />}
      {leads.data?.length === 0 && <Empty description={t('mot.empty')} />}
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {(leads.data ?? []).map((l) => (
          <LeadCard key={l.id} lead={l} />
        ))}
      </Space>
    </Card>
  );
};
