import { CUSTOMER_APP_MESSAGES } from './customer-app.js';
import { ADVISOR_CHAT_MESSAGES } from './advisor-chat.js';
import { HANDOFF_MESSAGES } from './handoffs.js';
import { advisorOpsMessages } from './advisor-ops.js';
import { CUSTOMER_LOGIN_MESSAGES } from './customer-login.js';
import type { FeatureMessages } from './define.js';
import { displayMessages } from './display.js';
import { productFiguresMessages } from './product-figures.js';
import { rmAssistantMessages } from './rm-assistant.js';
import { segmentsMessages } from './segments.js';
import { jobsMessages } from './jobs.js';
import { campaignsMessages } from './campaigns.js';
import { OUTBOX_MESSAGES } from './outbox.js';
import { motMessages } from './mot.js';
import { insightMessages } from './insight.js';
import { insightSurveyMessages } from './insight-survey.js';
import { insightAiplMessages } from './insight-aipl.js';

/**
 * The message files of the product's features (each made with `defineMessages` in `src/web/i18n/<feature>.ts`).
 * Add one import and one entry per feature; keys must not clash with each other or with zh-CN.ts.
 */
export const FEATURE_MESSAGES: readonly FeatureMessages[] = [
  CUSTOMER_LOGIN_MESSAGES,
  productFiguresMessages,
  displayMessages,
  rmAssistantMessages,
  CUSTOMER_APP_MESSAGES,
  segmentsMessages,
  ADVISOR_CHAT_MESSAGES,
  HANDOFF_MESSAGES,
  advisorOpsMessages,
  jobsMessages,
  campaignsMessages,
  OUTBOX_MESSAGES,
  motMessages,
  insightMessages,
  insightSurveyMessages,
  insightAiplMessages,
];
