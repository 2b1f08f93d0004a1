/**
 * The topic taxonomy of survey comments (documented in docs/insight.md; a module of its own so that the console
 * imports it without the tagger). A topic is found in a clause by its
 * cue words; the clause's sentiment is the topic's sentiment in that comment (aspect sentiment).
 */
export const SURVEY_TOPICS = [
  {
    key: 'fees',
    zh: '费用',
    en: 'Fees',
    cues: '费率|费用|手续费|管理费|服务费|收费|价格|太贵|便宜|年费|扣费|优惠券|折扣|优惠',
  },
  {
    key: 'returns',
    zh: '收益',
    en: 'Returns',
    cues: '收益|回报|亏|赚|涨|跌|回本|业绩|净值|回撤|利息',
  },
  {
    key: 'service',
    zh: '服务',
    en: 'Service',
    cues: '服务(?!费)|客服|态度|响应|回复|热线|投诉|处理|办理|排队',
  },
  {
    key: 'app',
    zh: 'App 体验',
    en: 'App experience',
    cues: 'app|App|APP|应用|界面|卡顿|闪退|登录|登不上|加载|操作|页面|功能|更新|bug|手机银行|小程序',
  },
  {
    key: 'rm',
    zh: '客户经理',
    en: 'Relationship manager',
    cues: '客户经理|理财经理|经理|顾问|专员',
  },
  {
    key: 'product_info',
    zh: '产品信息',
    en: 'Product information',
    cues: '信息|说明|披露|介绍|看不懂|不透明|透明|风险提示|报告|资讯|直播|解读|讲解',
  },
] as const;
export type SurveyTopic = (typeof SURVEY_TOPICS)[number]['key'];
