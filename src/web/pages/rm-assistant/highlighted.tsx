import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type Finding = {
  rule: string;
  blocking: boolean;
  match: string | null;
  start: number | null;
  end: number | null;
  message: { zh: string; en: string };
  suggestion: { zh: string; en: string };
};

/** A text with the linter's finding spans marked (red), non-overlapping, in order. */
export const HighlightedText = ({ text, findings }: { text: string; findings: readonly Finding[] }) => {
  const spans = findings
    .filter((f): f is Finding & { start: number; end: number } => f.start !== null && f.end !== null)
    .sort((a, b) => a.start - b.start);
  const parts: ReactNode[] = [];
  let at = 0;
  spans.forEach((s, k) => {
    if (s.start < at) return;
    parts.push(text.slice(at, s.start));
    parts.push(
      <mark key={k} data-testid="finding-span" style={{ background: '#ffccc7' }} title={s.message.zh}>
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  });
  parts.push(text.slice(at));
  return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{parts}</Typography.Paragraph>;
};

/** The findings as a list: rule, message and the suggested wording. */
export const FindingList = ({ findings }: { findings: readonly Finding[] }) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (findings.length === 0) return <Tag color="green">{t('rmAssist.noFindings')}</Tag>;
  return (
    <ul data-testid="findings" style={{ paddingLeft: 18, margin: 0 }}>
      {findings.map((f, k) => (
        <li key={k}>
          <Tag color={f.blocking ? 'red' : 'gold'}>{f.rule}</Tag>
          {en ? f.message.en : f.message.zh}
          {f.suggestion.zh !== '' && (
            <Typography.Text type="secondary"> → {en ? f.suggestion.en : f.suggestion.zh}</Typography.Text>
          )}
        </li>
      ))}
    </ul>
  );
};
