import type { ForbiddenGroup, Negator } from './types.js';

/** A whitespace-separated list of phrases (keeps long vocabularies readable). */
const words = (list: string): string[] => list.split(/\s+/).filter((w) => w !== '');

/** Text between two parts of one expression: stays inside the clause. */
const IN_CLAUSE = '[^，,。；;！!？?\\n:]';

/**
 * Forbidden expressions of regulation.md §2 (广告法 art. 25, 银发〔2019〕316号, 资管新规, 公募基金宣传推介
 * 材料管理暂行规定). Written for Caiban; institutions extend them through `extendRuleSet`.
 */
export const BUILTIN_FORBIDDEN: readonly ForbiddenGroup[] = [
  {
    id: 'guarantee.terms',
    rule: 'guarantee',
    terms: words(`
      保本 保息 保收益 保本保息 保证本金 确保本金 本金安全 本金无忧 本金保障 本息无忧
      本息保障 保证收益 确保收益 承诺收益 收益承诺 收益有保障 收益有保证 稳赚 稳赚不赔 稳稳赚
      稳赢 躺赚 包赚 必赚 一定赚 肯定赚 只赚不赔 只赚不亏 稳赚不亏 不会亏 不会亏损 不会亏本
      不亏本 零亏损 无亏损 无风险 零风险 没有风险 没风险 毫无风险 风险为零 刚性兑付 刚兑
      绝对安全 百分百安全 万无一失 旱涝保收 兜底 保底 包赔 亏损赔付 保证不亏 一定盈利
      安全有保障 全额兑付 足额兑付 保证兑付 一定能赚 肯定能赚 保证赚钱 几乎不会亏
    `),
    patterns: [
      `保证(?!金)${IN_CLAUSE}{0,4}?(?:收益|回报|本金|本息|盈利|不亏|赚钱)`,
      `承诺${IN_CLAUSE}{0,4}?(?:收益|回报|保本|本金|本息|盈利)`,
      '(?:100%|百分之百|百分百)(?:安全|保本|兑付|赚|盈利)',
      '从未(?:出现过?|发生过?|有过)?(?:亏损|亏钱|亏本|负收益)',
      `(?:收益|回报|本金|本息|利息)${IN_CLAUSE}{0,3}?(?:有保障|有保证|有保底|稳稳的)`,
    ],
  },
  {
    id: 'deposit_analogy.terms',
    rule: 'deposit_analogy',
    terms: words(`
      相当于存款 等同于存款 等同存款 等于存款 存款替代 替代存款 类存款 准存款 高息存款
    `),
    patterns: [
      '(?:和|跟|与|同|像|如同|好比)(?:银行)?(?:定期)?存款(?:一样|差不多|没区别|无异|相同)(?:安全|稳健|稳|保险|放心|可靠)?',
      '(?:相当于|等同于?|就是|堪比|媲美|赛过|胜过)(?:银行)?定期存款',
      '比(?:银行)?(?:定期)?存款(?:还|更)(?:安全|稳|保险|放心)',
    ],
  },
  {
    id: 'superlative.terms',
    rule: 'superlative',
    terms: words(`
      最强 最大 首只 唯一 名列前茅 位居前列 业绩优良 最有价值 最佳 最优 最牛
      最赚钱 最安全 最稳 最高收益 顶级 王牌 冠军 遥遥领先 独一无二 绝无仅有 史上最 全网最
      全国最 no1 top1 首选 最受欢迎 销冠 远超同类 碾压同类
    `),
    // 最好 only as an adjective (最好的基金, 表现最好。), not as the adverb of advice (您最好先咨询).
    patterns: [
      '最好(?=的|之选|基金|理财|产品|收益|选择|投资|保险|回报|业绩|表现|[,，。！!；;]|$)',
      // 第一 except as the first item of an enumeration at the start of a clause (第一，分散投资；第二，…).
      '第一(?![,:、])|(?<=[^\\n,。;!?:、])第一(?=[,:、])',
    ],
    exemptIfSentenceHas: ['数据来源', '资料来源', '来源:', '统计数据'],
  },
  {
    id: 'superlative.high_yield',
    rule: 'superlative',
    terms: ['高收益', '超高收益'],
    patterns: [
      `(?:低风险|风险低|风险小)${IN_CLAUSE}{0,3}?(?:高收益|收益高|高回报|回报高)`,
      `(?:高收益|收益高|高回报|回报高)${IN_CLAUSE}{0,3}?(?:低风险|风险低|风险小)`,
    ],
    exemptIfSentenceHas: words(`
      高风险 较高风险 风险较高 更高风险 风险更高 较大风险 风险较大 更大风险 风险更大 相应风险 风险等级
    `),
    message: {
      zh: '"高收益"未同时揭示风险，属于片面宣传。',
      en: '"High return" without the matching risk is one-sided promotion.',
    },
    suggestion: {
      zh: '收益与风险并存，请同时说明产品风险等级',
      en: 'Returns come with risk: state the product risk level too',
    },
  },
  {
    id: 'forecast.terms',
    rule: 'forecast',
    terms: words(`
      正收益 正收益概率 预计收益 预期收益 预计年化 预期年化 预计回报 预期回报 收益可达
      有望获得 必涨 稳涨 一定会涨 一定涨 有望翻倍 将翻倍 保守估计 目标收益 大概率赚钱 大概率盈利
    `),
    patterns: [
      `(?:预计|预期|预测|估计)(?:年化)?(?:收益率?|回报率?)${IN_CLAUSE}{0,6}?\\d+(?:\\.\\d+)?%`,
      `(?:将|会|能|可以?)(?:获得|实现|达到|取得)${IN_CLAUSE}{0,4}?\\d+(?:\\.\\d+)?%(?:的)?(?:年化)?(?:收益|回报)`,
    ],
  },
  {
    id: 'endorsement.patterns',
    rule: 'endorsement',
    terms: ['好评如潮', '口碑爆棚', '有口皆碑', '万人抢购', '疯抢'],
    patterns: [
      `(?:专家|权威|协会|学会|教授|经济学家|名人|明星|大v|网红|达人|老客户|老用户|已购客户|网友|大家|客户们|用户们)${IN_CLAUSE}{0,4}?(?:推荐|力荐|强推|背书|认可|认证|好评|点赞|都说|一致认为|首选|盛赞|力挺|都在买|抢购)`,
      '(?:万人|千人|数万人|上万人|百万用户|千万用户|众多客户|大家都在)(?:抢购|购买|在买|选择|买了)',
    ],
  },
  {
    id: 'government.patterns',
    rule: 'government',
    patterns: [
      `(?:政府|国家|国务院|财政部?|央行|人民银行|人行|证监会|银?保监会|金融监管总局|监管部门|监管机构|监管层|国资委)${IN_CLAUSE}{0,4}?(?:担保|背书|兜底|托底|撑腰|保驾护航|认可|推荐|力挺|认证)`,
      '(?:国家|政府|国资)(?:级|队)?(?:信用|背景)(?:担保|背书|保障|兜底)',
    ],
  },
];

/** Defined names and finance terms containing a forbidden word that are legitimate. */
export const BUILTIN_EXEMPT_PHRASES: readonly string[] = words(`
  非保本浮动收益型 非保本 保本点 无风险利率 无风险收益率 无风险资产 最大回撤 最大亏损
  最大损失 最大可能损失 最大跌幅 最大单日跌幅 最大程度 最大限度 最大申购 最大赎回 最大持仓
  最大金额 最大额度 第一季度 第一季 第一年 第一次 第一天 第一步 第一条 第一款 第一章
  第一节 第一部分 第一个交易日 第一个工作日 第一期 第一时间 第一笔 第一阶段 第一周
  第一个月 第一轮 第一大重仓 第一责任人 第一道防线 唯一标识 唯一识别 唯一编码 唯一代码
  唯一指定 唯一官方 唯一途径 最好先 最好在 最好不要 最好仔细 最好咨询 最好根据 最好结合
  最好分散 最好提前 最好留意 最好了解 最好阅读 最好能 最优化 高收益债 保证金 首选项
  第一创业 最大化 最佳实践 唯一需要 唯一要 最大风险 最大的风险 最大区别 最大的区别
  最大的不同 最大的问题 最大的挑战
  预期收益率型
`);

/** Negations and how far their scope reaches (characters between the negation and the term). */
export const BUILTIN_NEGATORS: readonly Negator[] = [
  ...['不', '非', '无', '没', '未', '勿', '莫'].map((phrase) => ({ phrase, maxGap: 0 })),
  ...['没有', '并无', '绝无', '毫无'].map((phrase) => ({ phrase, maxGap: 2 })),
  ...words(`
    不保证 不能保证 无法保证 不承诺 不构成 不代表 不等于 不等同于 不意味着 不意味著 不表示
    不属于
    不提供 不作 不做 并非 绝非 并不 不是 不能 不会 不可能 不存在 不应 不再 并未 从未 未曾
  `).map((phrase) => ({ phrase, maxGap: 4 })),
  ...words('不是所有 并非所有 不是每 并非每 不是任何 并非任何').map((phrase) => ({ phrase, maxGap: 6 })),
  ...words(`
    不得 严禁 禁止 杜绝 打破 破除 告别 警惕 谨防 提防 防范 远离 识破 拒绝 不要相信
    不要轻信 切勿 勿信 不允许 违规
  `).map((phrase) => ({ phrase, maxGap: 8 })),
];

/** Negations that follow the term (刚性兑付已被打破, 零风险是不可能的). */
export const BUILTIN_POST_NEGATORS: readonly Negator[] = words(`
  已被打破 被打破 已打破 已成为历史 成为历史 不复存在 已不存在 是不存在的 是不可能的 并不成立
  是误区 是谣言 是骗局 是违规的 属于违规 被禁止 已被禁止 已取消
`).map((phrase) => ({ phrase, maxGap: 4 }));

/** Contain a negating character but do not negate what follows. */
export const BUILTIN_NON_NEGATORS: readonly string[] = words(`
  不仅 不但 不只 不止 不光 不用担心 不必担心 无需担心 无须担心 不用怕 不怕 不愁 无忧
  不错 不少 不断 不妨 不容错过 不可错过 不能错过 不要错过 不二之选 非常 无论 不论 不管
  毫无疑问 无疑 不后悔 非凡 无与伦比 不限 无门槛 没门槛 未来 不会后悔 不会错过
  不会让您失望
`);
