import { DEFAULT_QUESTIONNAIRE } from '../../suitability/default-questionnaire.js';
import type { Conversation, ConvTurn } from './types.js';

const qs = DEFAULT_QUESTIONNAIRE.questions;

/** Answers every question by tapping option `pick(k)`; the last turn scores. */
const answerAll = (pick: (k: number) => string): ConvTurn[] =>
  qs.map((q, k) => ({
    action: { type: 'answer' as const, value: pick(k) },
    expect:
      k + 1 < qs.length
        ? { flow: 'risk_assessment', step: `ask_${qs[k + 1]!.id}`, cards: ['questionnaire' as const] }
        : { flow: null, events: ['end:risk_assessment'], text: /测评完成/ },
  }));

export const ASSESSMENT: Conversation[] = [
  {
    name: 'risk assessment as a conversation with questionnaire cards',
    customer: 'c3',
    turns: [
      {
        say: '帮我做个风险测评',
        expect: {
          intent: 'risk_assessment',
          flow: 'risk_assessment',
          step: `ask_${qs[0]!.id}`,
          cards: ['questionnaire'],
        },
      },
      ...answerAll(() => 'B'),
    ],
  },
  {
    name: 'risk assessment: the most cautious answers',
    customer: 'c4',
    turns: [
      { say: '我要重新做风险评估', expect: { flow: 'risk_assessment', cards: ['questionnaire'] } },
      ...answerAll(() => 'A'),
    ],
  },
  {
    name: 'risk assessment: an answer by option text, a bad answer retried',
    customer: 'c3',
    turns: [
      { say: '做一下风险测评', expect: { step: `ask_${qs[0]!.id}` } },
      { say: '18–30岁', expect: { step: `ask_${qs[1]!.id}` } },
      {
        say: '不好说',
        expect: { step: `ask_${qs[1]!.id}`, events: [`retry:q_${qs[1]!.id}`], cards: ['questionnaire'] },
      },
      { say: 'B', expect: { step: `ask_${qs[2]!.id}` } },
    ],
  },
  {
    name: 'risk assessment interrupted by a redemption question and resumed',
    customer: 'c3',
    turns: [
      { say: '帮我做个风险测评', expect: { step: `ask_${qs[0]!.id}` } },
      { action: { type: 'answer', value: 'B' }, expect: { step: `ask_${qs[1]!.id}` } },
      {
        say: '基金赎回几天到账',
        expect: { flow: null, cards: ['kb_answer'], events: ['interrupt:risk_assessment'] },
      },
      {
        action: { type: 'resume', value: 'yes' },
        expect: { flow: 'risk_assessment', step: `ask_${qs[1]!.id}`, cards: ['questionnaire'] },
      },
    ],
  },
  {
    name: 'risk assessment for the expired customer from a recommendation request, completed',
    customer: 'expired',
    turns: [{ say: '推荐几只基金给我', expect: { flow: 'risk_assessment' } }, ...answerAll(() => 'C')],
  },
];
