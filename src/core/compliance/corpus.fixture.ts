import type { MissingRule, ProductType, ViolationRule } from './types.js';

/**
 * Caiban's marketing-compliance test corpus (written for Caiban). Each case lists the rules it must trigger
 * — violations by rule (once per finding, in text order) and missing requirements; a case with neither is a
 * compliant text and must pass with no finding at all. `matches` (optional) pins the reported spans' text.
 */
export type CorpusCase = {
  readonly text: string;
  readonly type?: ProductType;
  readonly ai?: boolean;
  readonly violations?: readonly ViolationRule[];
  readonly matches?: readonly string[];
  readonly missing?: readonly MissingRule[];
};

const FUND_RISK = '基金有风险，投资需谨慎。';
const WM_RISK = '理财非存款、产品有风险、投资须谨慎。';
const PAST = '过往业绩不代表未来表现。';

export const GUARANTEE_CASES: readonly CorpusCase[] = [
  { text: '本产品保本保息，到期还本付息。', violations: ['guarantee'], matches: ['保本保息'] },
  { text: '零风险理财，闭眼买！', violations: ['guarantee'], matches: ['零风险'] },
  { text: '零 风险，高回报。', violations: ['guarantee'], matches: ['零 风险'] },
  { text: '保-本型产品，安心之选。', violations: ['guarantee'], matches: ['保-本'] },
  { text: '保·本·保·息，錢放心存。', violations: ['guarantee'], matches: ['保·本·保·息'] },
  {
    text: '這款產品穩賺不賠，收益有保障。',
    violations: ['guarantee', 'guarantee'],
    matches: ['穩賺不賠', '收益有保障'],
  },
  { text: '保證收益，絕對安全。', violations: ['guarantee', 'guarantee'], matches: ['保證收益', '絕對安全'] },
  { text: '本产品无风险，适合所有人。', violations: ['guarantee'], matches: ['无风险'] },
  { text: '买它没有风险，到期就赚。', violations: ['guarantee'], matches: ['没有风险'] },
  { text: '我们承诺收益不低于4%。', violations: ['guarantee'], matches: ['承诺收益'] },
  { text: '刚性兑付，到期足额返还。', violations: ['guarantee'], matches: ['刚性兑付'] },
  { text: '本金安全，收益稳定。', violations: ['guarantee'], matches: ['本金安全'] },
  { text: '稳稳赚，每天都有收益。', violations: ['guarantee'], matches: ['稳稳赚'] },
  { text: '保证本金，还有额外收益。', violations: ['guarantee'], matches: ['保证本金'] },
  { text: '保证年化回报6%，先到先得。', violations: ['guarantee'], matches: ['保证年化回报'] },
  { text: '银行兜底，亏了算我们的。', violations: ['guarantee'], matches: ['兜底'] },
  { text: '保底收益3.5%，上不封顶。', violations: ['guarantee'], matches: ['保底'] },
  { text: '只赚不赔零风险。', violations: ['guarantee', 'guarantee'], matches: ['只赚不赔', '零风险'] },
  { text: '100%保本，放心投。', violations: ['guarantee'], matches: ['100%保本'] },
  { text: '无需担心本金安全，放心买。', violations: ['guarantee'], matches: ['本金安全'] },
  { text: '不仅保本，还能保息。', violations: ['guarantee', 'guarantee'], matches: ['保本', '保息'] },
  { text: '不容错过的保本理财。', violations: ['guarantee'], matches: ['保本'] },
  { text: '没有门槛的保本理财。', violations: ['guarantee'], matches: ['保本'] },
  { text: '不限购的保本好产品。', violations: ['guarantee'], matches: ['保本'] },
  {
    text: '万无一失的投资，旱涝保收。',
    violations: ['guarantee', 'guarantee'],
    matches: ['万无一失', '旱涝保收'],
  },
  { text: 'ＶＩＰ专享：保 本 收 益 型理财', violations: ['guarantee'], matches: ['保 本'] },
  { text: '稳赚！不会亏损！', violations: ['guarantee', 'guarantee'], matches: ['稳赚', '不会亏损'] },
  { text: '虽然不是存款但本金安全。', violations: ['guarantee'], matches: ['本金安全'] },
  { text: '保本收益不可能低于3%。', violations: ['guarantee'], matches: ['保本'] },
  { text: '您不会后悔的保本理财。', violations: ['guarantee'], matches: ['保本'] },
  { text: '由国有大行发行，安全有保障。', violations: ['guarantee'], matches: ['安全有保障'] },
  { text: '本息全额兑付，从未违约。', violations: ['guarantee'], matches: ['全额兑付'] },
  { text: '该产品历史上从未出现亏损。', violations: ['guarantee'], matches: ['从未出现亏损'] },
  { text: '长期持有一定能赚钱。', violations: ['guarantee'], matches: ['一定能赚'] },
  { text: '您放心，这款肯定不会亏的。', violations: ['guarantee'], matches: ['不会亏'] },
];

export const GUARANTEE_NEGATIONS: readonly CorpusCase[] = [
  { text: '本产品为非保本浮动收益型理财产品。' },
  { text: '本产品不保证本金和收益，您可能损失部分或全部本金。' },
  { text: '我们不承诺保本，请您理性投资。' },
  { text: '理财产品并非无风险，请关注风险等级。' },
  { text: '本产品不保本、不保息。' },
  { text: '资管新规要求打破刚性兑付。' },
  { text: '刚性兑付已被打破，理财产品净值会波动。' },
  { text: '投资不是零风险，请量力而行。' },
  { text: '警惕宣称"保本保息"的非法集资。' },
  { text: '谨防承诺高收益、零风险的投资骗局。' },
  { text: '本产品不提供保本承诺。' },
  { text: '本产品并未承诺保本，请关注风险。' },
  { text: '该基金从未承诺收益，净值随市场波动。' },
  { text: '市场有风险，不存在无风险的高收益。' },
  {
    text: '基金管理人承诺以诚实信用、勤勉尽责的原则管理和运用基金资产，但不保证基金一定盈利，也不保证最低收益。',
  },
  { text: '保本理财已成为历史，净值化转型已完成。' },
  { text: '本产品無法保證本金安全。' },
  { text: '以无风险利率2%计算，该组合的夏普比率为1.1。' },
  { text: '所有理财产品都不是稳赚不赔的。' },
  { text: '不是所有产品都保本，请看清产品类型。' },
  { text: '合规培训：禁止使用"保本""稳赚"等词语。' },
  { text: '该公司连续十年稳定盈利，估值处于历史低位。' },
];

export const DEPOSIT_CASES: readonly CorpusCase[] = [
  { text: '这款理财相当于存款，还比存款收益高。', violations: ['deposit_analogy'], matches: ['相当于存款'] },
  { text: '和存款一样安全，收益却更高。', violations: ['deposit_analogy'], matches: ['和存款一样安全'] },
  {
    text: '存款替代首选，灵活取用。',
    violations: ['deposit_analogy', 'superlative'],
    matches: ['存款替代', '首选'],
  },
  { text: '跟定期存款一样稳，利息更高。', violations: ['deposit_analogy'], matches: ['跟定期存款一样稳'] },
  { text: '比银行存款还安全的理财。', violations: ['deposit_analogy'], matches: ['比银行存款还安全'] },
  { text: '这是一款类存款产品。', violations: ['deposit_analogy'], matches: ['类存款'] },
  { text: '就像存款一样，随存随取。', violations: ['deposit_analogy'], matches: ['像存款一样'] },
  { text: '與存款一樣安全。', violations: ['deposit_analogy'], matches: ['與存款一樣安全'] },
];

export const DEPOSIT_NEGATIONS: readonly CorpusCase[] = [
  { text: '理财产品不等同于存款，请注意风险。' },
  { text: '理财非存款，产品净值会波动。' },
  { text: '理财产品不能替代存款，请做好资产配置。' },
  { text: '存款受存款保险保障，理财产品不受存款保险保障。' },
  { text: '本产品不是存款，不同于银行定期存款。' },
  { text: '基金定投就是定期定额投资，可以平滑成本。' },
];

export const SUPERLATIVE_CASES: readonly CorpusCase[] = [
  { text: '全市场最好的基金就在这里。', violations: ['superlative'], matches: ['最好'] },
  { text: '收益最强的理财产品。', violations: ['superlative'], matches: ['最强'] },
  { text: '在同类产品中它的表现最好。', violations: ['superlative'], matches: ['最好'] },
  { text: '国内首只养老目标理财。', violations: ['superlative'], matches: ['首只'] },
  { text: '唯一一款适合您的产品。', violations: ['superlative'], matches: ['唯一'] },
  { text: '同类排名第一。', violations: ['superlative'], matches: ['第一'] },
  {
    text: '全行销量第一，远超同类。',
    violations: ['superlative', 'superlative'],
    matches: ['第一', '远超同类'],
  },
  { text: '业绩名列前茅，值得信赖。', violations: ['superlative'], matches: ['名列前茅'] },
  {
    text: '该基金业绩优良，位居前列。',
    violations: ['superlative', 'superlative'],
    matches: ['业绩优良', '位居前列'],
  },
  { text: '最有价值的投资机会。', violations: ['superlative'], matches: ['最有价值'] },
  { text: '高收益理财，限时抢购！', violations: ['superlative'], matches: ['高收益'] },
  {
    text: '全网最低费率，NO.1的选择。',
    violations: ['superlative', 'superlative'],
    matches: ['全网最', 'NO.1'],
  },
  { text: '本行王牌产品，销量冠军。', violations: ['superlative', 'superlative'], matches: ['王牌', '冠军'] },
  { text: '業績最佳的基金經理。', violations: ['superlative'], matches: ['最佳'] },
  { text: '规模最大的货币基金。', violations: ['superlative'], matches: ['最大'] },
  { text: '零风险高收益。', violations: ['guarantee', 'superlative'], matches: ['零风险', '高收益'] },
  { text: '低风险高收益，稳健之选。', violations: ['superlative'], matches: ['低风险高收益'] },
  { text: '这款产品收益高、风险低。', violations: ['superlative'], matches: ['收益高、风险低'] },
];

export const SUPERLATIVE_NEGATIVES: readonly CorpusCase[] = [
  { text: '该产品历史最大回撤为5.2%，请关注波动风险。' },
  { text: '第一季度市场震荡，债券表现平稳。' },
  { text: '购买前最好先咨询您的理财经理。' },
  { text: '建议您最好根据自身风险承受能力选择产品。' },
  { text: '高收益往往伴随高风险，请理性选择。' },
  { text: '追求高收益需要承担较高风险，本产品风险等级为R4。' },
  { text: '本基金主要投资于高收益债券，信用风险较高。' },
  {
    text: '根据银河证券统计，该基金2024年度收益率在同类中排名第一（数据来源：银河证券，2024-01-01至2024-12-31）。过往业绩不代表未来表现。',
  },
  { text: '请通过本行唯一官方渠道办理业务。' },
  { text: '该基金第一大重仓股为某银行股。' },
  { text: '我们将在第一时间通知您产品公告。' },
  { text: '最大程度保护投资者合法权益是我们的责任。' },
  { text: '本基金追求风险调整后收益最大化。' },
  { text: '本产品由第一创业证券代销。' },
  { text: '您最好留出3到6个月的生活费作为应急资金。' },
  { text: '第一，分散投资；第二，长期持有；第三，定期检视。' },
  { text: '唯一需要注意的是，该产品有90天最低持有期。' },
  { text: '权益投资最大的风险是短期波动，请做好心理准备。' },
  { text: '这并不是唯一的选择，您也可以考虑债券基金。' },
];

export const FORECAST_CASES: readonly CorpusCase[] = [
  { text: '本产品预计收益率4.5%。', violations: ['forecast'], matches: ['预计收益率4.5%'] },
  { text: '正收益概率超过九成。', violations: ['forecast'], matches: ['正收益概率'] },
  { text: '持有一年大概率获得正收益。', violations: ['forecast'], matches: ['正收益'] },
  { text: '预期年化回报8%以上。', violations: ['forecast'], matches: ['预期年化回报8%'] },
  { text: '明年有望翻倍。', violations: ['forecast'], matches: ['有望翻倍'] },
  { text: '这只基金必涨，赶快上车。', violations: ['forecast'], matches: ['必涨'] },
  { text: '保守估计年化6%。', violations: ['forecast'], matches: ['保守估计'] },
  { text: '定投三年大概率赚钱。', violations: ['forecast'], matches: ['大概率赚钱'] },
  { text: '持有三年将获得20%的收益。', violations: ['forecast'], matches: ['将获得20%的收益'] },
];

export const FORECAST_NEGATIVES: readonly CorpusCase[] = [
  { text: '本产品不保证正收益，净值可能下跌。' },
  { text: '基金收益无法预计，请关注风险。' },
  { text: '业绩比较基准3.0%-4.0%，业绩比较基准不构成收益承诺。' },
  { text: '市场短期波动难以预测，建议长期持有。' },
  { text: '定投可以平滑成本，但不能保证盈利。' },
];

export const ENDORSEMENT_CASES: readonly CorpusCase[] = [
  { text: '专家推荐，错过不再有。', violations: ['endorsement'], matches: ['专家推荐'] },
  { text: '知名经济学家强烈推荐这只基金。', violations: ['endorsement'], matches: ['经济学家强烈推荐'] },
  { text: '老客户都说好，复购率超高。', violations: ['endorsement'], matches: ['老客户都说'] },
  { text: '万人抢购，额度有限。', violations: ['endorsement'], matches: ['万人抢购'] },
  { text: '理财协会认证的优质产品。', violations: ['endorsement'], matches: ['协会认证'] },
  {
    text: '明星代言推荐，好评如潮。',
    violations: ['endorsement', 'endorsement'],
    matches: ['明星代言推荐', '好评如潮'],
  },
  { text: '网友一致认为这是今年的宝藏基金。', violations: ['endorsement'], matches: ['网友一致认为'] },
];

export const ENDORSEMENT_NEGATIVES: readonly CorpusCase[] = [
  { text: '您的理财经理推荐您先完成风险测评。' },
  { text: '分析师认为下半年市场仍有结构性机会。' },
  { text: '专家提示：投资前请了解产品风险。' },
  { text: '本材料不构成任何投资建议或推荐。' },
  { text: '投资者教育专家建议分散投资。' },
];

export const GOVERNMENT_CASES: readonly CorpusCase[] = [
  { text: '国家背书，安全可靠。', violations: ['government'], matches: ['国家背书'] },
  { text: '政府兜底的理财产品。', violations: ['government', 'guarantee'], matches: ['政府兜底', '兜底'] },
  { text: '央行担保，放心购买。', violations: ['government'], matches: ['央行担保'] },
  { text: '证监会推荐的优质基金。', violations: ['government'], matches: ['证监会推荐'] },
  { text: '有国家信用担保，请放心。', violations: ['government'], matches: ['国家信用担保'] },
  { text: '监管部门认可的明星产品。', violations: ['government'], matches: ['监管部门认可'] },
  { text: '國家擔保，穩健增值。', violations: ['government'], matches: ['國家擔保'] },
];

export const GOVERNMENT_NEGATIVES: readonly CorpusCase[] = [
  {
    text: '本基金经中国证监会注册，但中国证监会对本基金的注册并不表明其对本基金的价值和收益作出实质性判断或保证。',
  },
  { text: '理财产品不代表国家担保，投资者自担风险。' },
  { text: '国家政策支持养老金融发展。' },
  { text: '国家社会保障体系包括基本养老保险和企业年金。' },
  { text: '本公司经中国证监会批准设立。' },
  { text: '本产品已在全国银行业理财信息登记系统登记，登记编码可在中国理财网查询。' },
  { text: '请警惕冒充政府部门背书的非法理财。' },
  { text: '请注意：理财产品存在本金损失的可能。' },
  { text: '国企背景的基金公司也不能保证收益。' },
];

export const DISCLOSURE_CASES: readonly CorpusCase[] = [
  { text: `稳健型理财，期限一年，业绩比较基准不构成收益承诺。${WM_RISK}`, type: 'bank_wm' },
  { text: '理财非存款 产品有风险 投资须谨慎', type: 'bank_wm' },
  { text: '理財非存款、產品有風險、投資須謹慎。', type: 'bank_wm' },
  { text: '理财非存款，产品有风险，投资需谨慎。', type: 'bank_wm' },
  { text: '稳健型理财，期限一年，欢迎咨询。', type: 'bank_wm', missing: ['missing_disclosure'] },
  { text: '产品有风险，投资须谨慎。', type: 'bank_wm', missing: ['missing_disclosure'] },
  { text: `这是一只偏债混合基金，适合稳健型投资者。${FUND_RISK}`, type: 'fund' },
  { text: '基金有风险,投资须谨慎', type: 'fund' },
  { text: '基金有風險，投資需謹慎。', type: 'fund' },
  { text: '这是一只偏债混合基金，适合稳健型投资者。', type: 'fund', missing: ['missing_disclosure'] },
  { text: '投资需谨慎。', type: 'fund', missing: ['missing_disclosure'] },
  { text: '这款年金险可锁定长期保障，投保前请仔细阅读保险条款。', type: 'insurance' },
  // regulation.md §2 names no insurance disclosure: these compliant texts were false positives (issue 10 item 11).
  { text: '这款年金险可锁定长期保障。', type: 'insurance' },
  { text: '分红型年金险，红利分配是不确定的，投保前请认真阅读保险合同。', type: 'insurance' },
  { text: '分红型年金险，投保前请仔细阅读保险条款。', type: 'insurance' },
  { text: '春节期间网点营业时间调整，请留意公告。', type: 'general' },
  { text: '春节期间网点营业时间调整，请留意公告。', type: 'fund', missing: ['missing_disclosure'] },
  { text: `业绩比较基准3.5%，${WM_RISK}`, type: 'bank_wm' },
];

export const PERFORMANCE_CASES: readonly CorpusCase[] = [
  { text: `近一年收益12%。${PAST}` },
  { text: '近一年收益12%。', missing: ['missing_past_performance_disclaimer'] },
  { text: `过去三年年化8%，${PAST}` },
  { text: '过去三年年化8%，表现稳健。', missing: ['missing_past_performance_disclaimer'] },
  { text: `成立以来翻倍。${PAST}` },
  { text: '成立以来翻倍！', missing: ['missing_past_performance_disclaimer'] },
  {
    text: '年化收益率达8.5%，表现亮眼。',
    missing: ['missing_past_performance_disclaimer', 'missing_period'],
  },
  { text: `年化收益率达8.5%。${PAST}`, missing: ['missing_period'] },
  { text: `2023-01-01至2023-12-31净值增长率为15.2%。${PAST}` },
  { text: `该产品2024年度收益率5.1%。${PAST}` },
  { text: `今年以来涨幅18%，${PAST}` },
  { text: `近６个月回报率３.２％。${PAST}` },
  { text: `取得了12%的收益。${PAST}`, missing: ['missing_period'] },
  { text: '累计净值增长率达到45.6%，历史业绩不预示其未来表现。', missing: ['missing_period'] },
  {
    text: `近1年收益率6.3%，理财产品过往业绩不代表其未来表现，不等于理财产品实际收益，投资须谨慎。`,
    type: 'general',
  },
  { text: '七日年化收益率2.1%，万份收益0.58元。过往业绩不代表未来表现。' },
  { text: '本基金近三年净值增长率为25.3%，基金的过往业绩并不预示其未来表现。' },
  { text: '上证指数今日上涨1.2%，创业板指涨2%。' },
  { text: '本产品管理费率0.3%，托管费率0.05%。' },
  { text: '股票仓位不超过80%，债券占比不低于20%。' },
  { text: '举例来说，如果年化收益为5%，10万元一年后约为10.5万元。' },
  { text: '沪深300指数近十年年化收益约6%。' },
  {
    text: '近一年收益12%。',
    type: 'fund',
    missing: ['missing_disclosure', 'missing_past_performance_disclaimer'],
  },
  {
    text: `本基金近一年收益12%。${FUND_RISK}${PAST}`,
    type: 'fund',
  },
  {
    text: `本产品近三个月年化收益率3.8%，业绩比较基准不构成收益承诺。${PAST}${WM_RISK}`,
    type: 'bank_wm',
  },
];

export const AI_LABEL_CASES: readonly CorpusCase[] = [
  { text: '根据您的风险等级，可关注稳健型产品。', ai: true, missing: ['missing_ai_label'] },
  { text: '本内容由AI生成，仅供参考。根据您的风险等级，可关注稳健型产品。', ai: true },
  { text: '【AI生成】根据您的风险等级，可关注稳健型产品。', ai: true },
  { text: '以上回答由人工智能生成，不构成投资建议。', ai: true },
  { text: '本回复由ＡＩ 生成。', ai: true },
  { text: '本內容由AI生成。', ai: true },
  { text: '根据您的风险等级，可关注稳健型产品。', ai: false },
  { text: '市场今日震荡，请理性看待短期波动。', ai: true, missing: ['missing_ai_label'] },
  { text: '本内容由AI辅助生成，经人工审核。', ai: true },
  { text: '以下内容由财伴AI助手生成：建议关注稳健型产品。', ai: true },
  { text: '以下为智能顾问建议：关注稳健型产品。', ai: true, missing: ['missing_ai_label'] },
  { text: '这只基金稳赚，快买！', ai: true, violations: ['guarantee'], missing: ['missing_ai_label'] },
];

export const MIXED_CASES: readonly CorpusCase[] = [
  {
    text: '专家推荐！保本保息，预计收益率6%，国家背书。',
    violations: ['endorsement', 'guarantee', 'forecast', 'government'],
  },
  {
    text: `稳健理财，非保本浮动收益型，风险等级R2，期限180天。${WM_RISK}`,
    type: 'bank_wm',
  },
  {
    text: `本基金由资深团队管理，坚持长期投资理念。${FUND_RISK}本内容由AI生成。`,
    type: 'fund',
    ai: true,
  },
  {
    text: '近一年收益12%，稳赚不赔，排名第一！',
    type: 'fund',
    violations: ['guarantee', 'superlative'],
    missing: ['missing_disclosure', 'missing_past_performance_disclaimer'],
  },
  {
    text: '想要稳健增值？可以了解一下固收+产品，请先完成风险测评。',
  },
  {
    text: '定投是一种纪律性投资方式，可以分散择时风险，但不能保证盈利，也不能避免亏损。',
  },
  {
    text: '您好，您持有的产品今日净值更新，可在App查看详情。',
  },
  {
    text: '本产品风险等级为R3（中等风险），适合平衡型及以上投资者。',
  },
  {
    text: '老年客户购买前请确认已了解产品风险，如有疑问请联系您的理财经理。',
  },
  {
    text: '资产配置建议：货币基金30%、债券基金50%、权益基金20%。',
  },
  {
    text: '养老理财也有风险，不存在所谓的保本养老理财。',
  },
  {
    text: '分红险的分红水平是不确定的，投保前请仔细阅读保险条款。',
    type: 'insurance',
  },
  {
    text: '这款增额终身寿险收益稳定有保障，投保前请仔细阅读保险条款。',
    type: 'insurance',
    violations: ['guarantee'],
  },
];

export const CORPUS: readonly CorpusCase[] = [
  ...GUARANTEE_CASES,
  ...GUARANTEE_NEGATIONS,
  ...DEPOSIT_CASES,
  ...DEPOSIT_NEGATIONS,
  ...SUPERLATIVE_CASES,
  ...SUPERLATIVE_NEGATIVES,
  ...FORECAST_CASES,
  ...FORECAST_NEGATIVES,
  ...ENDORSEMENT_CASES,
  ...ENDORSEMENT_NEGATIVES,
  ...GOVERNMENT_CASES,
  ...GOVERNMENT_NEGATIVES,
  ...DISCLOSURE_CASES,
  ...PERFORMANCE_CASES,
  ...AI_LABEL_CASES,
  ...MIXED_CASES,
];
