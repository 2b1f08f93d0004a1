import type { LabelledConversation } from '../types.js';
import { conv } from './author.js';

/**
 * The held-out half of our labelled conversations: written before the engine, in phrasings deliberately
 * different from the development set, and never used to choose a lexicon entry, rule or threshold. Its
 * numbers are the honest estimate of how the engine does on conversations it was not built on.
 */
export const LABELLED_HELDOUT: readonly LabelledConversation[] = [
  conv(
    'h01',
    '2025-05-06T09:10',
    [
      ['c', '经理，我这有五十万，打算十年后退休了拿来用'],
      ['c', '还有十万块是明年出去旅游的钱'],
      ['r', '好的，我帮您规划一下'],
    ],
    {
      tags: [],
      sentiment: 'neutral',
      intents: [
        ['retirement', 500000, 120, 'low', null],
        ['travel', 100000, 12, 'high', null],
      ],
    },
  ),
  conv(
    'h02',
    '2025-05-06T10:30',
    [
      ['c', '亏钱我可受不了啊'],
      ['c', '我这30w是准备给闺女出国念书的，两年后就要用'],
      ['r', '明白，那就以固收类为主'],
    ],
    {
      tags: ['fear_of_loss'],
      sentiment: 'neutral',
      intents: [['education', 300000, 24, 'medium', 'conservative']],
    },
  ),
  conv(
    'h03',
    '2025-05-06T14:00',
    [
      ['c', '收费这么贵，还不如我自己买'],
      ['r', '您可以选择C类份额，没有申购费'],
      ['c', '那也得看看'],
    ],
    { tags: ['fees_high', 'wait_and_see'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'h04',
    '2025-05-07T09:00',
    [
      ['r', '张姐，上次说的那款理财您看怎么样？'],
      ['c', '不着急，下个月再说吧'],
      ['c', '等我跟我媳妇合计合计'],
    ],
    { tags: ['wait_and_see', 'consult_family'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'h05',
    '2025-05-07T11:15',
    [
      ['c', '你们这些销售的话听听就好，我可不敢全信'],
      ['c', '前年听你们同事的买了个理财，到现在还没回本'],
      ['r', '理解您的顾虑，我把这款产品的历史业绩和风险都给您讲清楚'],
    ],
    { tags: ['distrust'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'h06',
    '2025-05-07T15:40',
    [
      ['c', '万一家里有急事，钱拿不出来咋办？'],
      ['c', '我这八万块是家里的备用金'],
      ['r', '这款支持T+0快速赎回，每日限额1万'],
    ],
    {
      tags: ['liquidity_concern'],
      sentiment: 'neutral',
      intents: [['emergency', 80000, null, 'high', null]],
    },
  ),
  conv(
    'h07',
    '2025-05-08T10:00',
    [
      ['r', '三年期的这款业绩比较基准是3.2%-3.6%'],
      ['c', '行，给我下单吧'],
      ['c', '两百万，全部买那个三年期的'],
      ['r', '好的，请您在手机银行确认'],
    ],
    {
      tags: ['purchase_signal'],
      sentiment: 'neutral',
      intents: [['growth', 2000000, 36, 'medium', null]],
    },
  ),
  conv(
    'h08',
    '2025-05-08T14:30',
    [
      ['c', '我要去监管部门反映你们误导销售'],
      ['c', '当时根本没告诉我有风险'],
      ['r', '非常抱歉，我们会认真核查'],
    ],
    { tags: ['complaint_risk'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'h09',
    '2025-05-09T09:20',
    [
      ['c', '把我账户里的钱全部转出来'],
      ['c', '我要转到别的银行去了'],
      ['r', '请问是对我们哪方面不满意吗？'],
      ['c', '利率太低了'],
    ],
    { tags: ['redemption_intent'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'h10',
    '2025-05-09T13:00',
    [
      ['c', '我今年45，打算60岁退休'],
      ['c', '现在有120万，想给退休做准备'],
      ['r', '还有15年，可以做一个长期的养老规划'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['retirement', 1200000, 180, 'low', null]] },
  ),
  conv(
    'h11',
    '2025-05-12T10:10',
    [
      ['c', '之前股票亏了十几万，现在手上只剩二十万了'],
      ['c', '这二十万想找个稳当点的地方放'],
      ['r', '可以看看R2的固收类理财'],
    ],
    {
      tags: [],
      sentiment: 'neutral',
      intents: [['growth', 200000, null, null, 'conservative']],
    },
  ),
  conv(
    'h12',
    '2025-06-10T10:00',
    [
      ['c', '我有25万，想先买点理财'],
      ['r', '好的，25万，主要是做什么用呢？'],
      ['c', '说错了，是35万'],
      ['c', '给儿子买车用，今年年底要提车'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['other', 350000, 6, 'high', null]] },
  ),
  conv(
    'h13',
    '2025-05-13T09:30',
    [
      ['c', '瑞丰医药这只基金最近跌得我睡不着觉'],
      ['c', '亏了快两万了'],
      ['c', '要不我还是割肉算了'],
    ],
    {
      tags: ['fear_of_loss', 'redemption_intent'],
      sentiment: 'negative',
      intents: [],
      products: ['瑞丰医药健康混合'],
    },
  ),
  conv(
    'h14',
    '2025-05-13T15:00',
    [
      ['r', '这款稳健理财近一年运作比较平稳'],
      ['c', '你说的这款我挺喜欢的，怎么操作？'],
      ['c', '先上个5万块'],
    ],
    { tags: ['purchase_signal'], sentiment: 'positive', intents: [['growth', 50000, null, null, null]] },
  ),
  conv(
    'h15',
    '2025-05-14T10:00',
    [
      ['c', '我老伴管钱，我做不了主'],
      ['c', '回头让她来跟你聊'],
    ],
    { tags: ['consult_family'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'h16',
    '2025-05-14T14:20',
    [
      ['c', '手续费倒是无所谓'],
      ['c', '主要是这个钱三个月后要交首付，怕到时候赎不出来'],
      ['c', '一共40万'],
    ],
    {
      tags: ['liquidity_concern'],
      sentiment: 'neutral',
      intents: [['house', 400000, 3, 'high', null]],
    },
  ),
  conv(
    'h17',
    '2025-05-15T09:40',
    [
      ['r', '您担心亏损的话，可以选低风险的'],
      ['c', '我不担心这个，波动大点没事，追求收益'],
      ['c', '这15万三五年不用'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['growth', 150000, 36, 'medium', 'aggressive']] },
  ),
  conv(
    'h18',
    '2025-05-15T16:00',
    [
      ['c', '你们客服态度太差了'],
      ['c', '问个问题爱答不理的'],
      ['c', '我要找你们领导'],
    ],
    { tags: ['complaint_risk'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'h19',
    '2025-05-16T10:30',
    [
      ['c', '年轻人嘛，我风险承受能力挺高的'],
      ['c', '工资每个月1.5万，存了有10万'],
      ['c', '想拿8万出来投资，剩下的留着应急，这部分要稳'],
    ],
    {
      tags: [],
      sentiment: 'neutral',
      intents: [
        ['growth', 80000, null, null, 'aggressive'],
        ['emergency', 20000, null, 'high', 'conservative'],
      ],
    },
  ),
  conv(
    'h20',
    '2025-05-16T14:00',
    [
      ['c', '那个基金经理林子航的产品还能买吗'],
      ['r', '可以的，目前开放申购'],
      ['c', '先不买了，等大盘稳一稳'],
    ],
    { tags: ['wait_and_see'], sentiment: 'neutral', intents: [], managers: ['林子航'] },
  ),
  conv(
    'h21',
    '2025-05-19T09:00',
    [
      ['c', '钱放在你们这我不放心'],
      ['c', '你们会不会跑路啊'],
      ['r', '我行受监管，理财产品独立托管'],
    ],
    { tags: ['distrust'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'h22',
    '2025-05-19T11:30',
    [
      ['c', '我打算把定期到期的60万拿来做个规划'],
      ['c', '一半给孩子将来上大学，一半养老'],
      ['r', '孩子多大了？'],
      ['c', '5岁'],
    ],
    {
      tags: [],
      sentiment: 'neutral',
      intents: [
        ['education', 300000, 156, 'low', null],
        ['retirement', 300000, null, null, null],
      ],
    },
  ),
  conv(
    'h23',
    '2025-05-20T10:00',
    [
      ['c', '这个理财封闭期三年也太长了'],
      ['c', '我怕中间要用钱'],
      ['r', '我们也有一年期的'],
      ['c', '一年的可以，我拿10万'],
    ],
    {
      tags: ['liquidity_concern', 'purchase_signal'],
      sentiment: 'neutral',
      intents: [['growth', 100000, 12, 'high', null]],
    },
  ),
  conv(
    'h24',
    '2025-05-20T15:30',
    [
      ['c', '你们这个申购费能不能便宜点？太贵了'],
      ['c', '我买得多，三百万呢'],
      ['r', '大额申购费率是每笔1000元'],
      ['c', '那还行，这三百万我打算长期拿着，十年八年都行'],
      ['c', '今天就办'],
    ],
    {
      tags: ['fees_high', 'purchase_signal'],
      sentiment: 'neutral',
      intents: [['growth', 3000000, 96, 'low', null]],
    },
  ),
  conv(
    'h25',
    '2025-05-21T09:50',
    [
      ['c', '哈哈，谢谢王经理，上次推荐的基金赚了不少'],
      ['c', '这次奖金下来了，再投20万进去'],
      ['c', '还是按上次的风格，稳中求进'],
    ],
    {
      tags: ['purchase_signal'],
      sentiment: 'positive',
      intents: [['growth', 200000, null, null, 'moderate']],
    },
  ),
];
