import type { Template } from '../text.js';
import type { AlertType } from './types.js';

/** Alert texts as data; `{name}` placeholders. Facts only: what moved, by how much, on which day. */
export const ALERT_TEXT: Readonly<Record<AlertType, Template>> = {
  nav_swing: {
    zh: '您持有的{name}在{date}净值变动{change}，明显大于其日常波动（约{sigma}）。',
    en: '{name}, which you hold, moved {change} on {date}, well beyond its usual daily swing (about {sigma}).',
  },
  take_profit: {
    zh: '您持有的{name}截至{date}持有收益率{ret}，已达到您设定的止盈目标{target}。',
    en: '{name}: your return since purchase is {ret} as of {date}, reaching your take-profit target of {target}.',
  },
  stop_loss: {
    zh: '您持有的{name}截至{date}持有收益率{ret}，已触及您设定的止损线{target}。',
    en: '{name}: your return since purchase is {ret} as of {date}, reaching your stop-loss line of {target}.',
  },
  holding_drawdown: {
    zh: '您持有的{name}净值较{peak_date}的阶段高点回撤{drawdown}（截至{date}）。',
    en: '{name} is {drawdown} below its high of {peak_date} (as of {date}).',
  },
  maturity_upcoming: {
    zh: '您持有的{name}将于{maturity}到期（还有{days}天），可以提前规划到期资金。',
    en: '{name} matures on {maturity} (in {days} days); you may plan ahead for this money.',
  },
  assessment_expiring: {
    zh: '您的风险承受能力评估将于{valid_until}到期（还有{days}天），请及时重新评估。',
    en: 'Your risk assessment expires on {valid_until} (in {days} days); please retake it in time.',
  },
  assessment_expired: {
    zh: '您的风险承受能力评估已过期或缺失，重新评估后才能获得产品建议。',
    en: 'Your risk assessment has expired or is missing; retake it to receive product suggestions.',
  },
};
