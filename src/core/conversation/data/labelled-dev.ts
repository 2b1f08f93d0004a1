import type { LabelledConversation } from '../types.js';
import { conv } from './author.js';

/**
 * The development half of our labelled RM–customer conversations (written by us; products and managers are
 * fictitious). Lexicons and rules were tuned on this set only; the held-out set (labelled-heldout.ts) was
 * written before the engine and is not tuned on. Labelling guide: docs/rm-assistant.md.
 */
export const LABELLED_DEV: readonly LabelledConversation[] = [
  conv(
    'd01',
    '2025-03-03T09:30',
    [
      ['c', '王经理好，我手上有60万想打理一下'],
      ['r', '张先生您好！这些钱大概有什么用途呢？'],
      ['c', '其中50万是留着养老的，我还有10年退休'],
      ['c', '另外10万明年想带家人出去旅游'],
      ['r', '明白。养老那部分可以考虑稳健一些的产品，旅游的钱要保证流动性'],
      ['c', '对，养老的钱可不能亏'],
      ['c', '旅游那10万得随时能取出来'],
    ],
    {
      tags: ['fear_of_loss', 'liquidity_concern'],
      sentiment: 'neutral',
      intents: [
        ['retirement', 500000, 120, 'low', 'conservative'],
        ['travel', 100000, 12, 'high', null],
      ],
    },
  ),
  conv(
    'd02',
    '2025-03-03T14:05',
    [
      ['c', '你好，我想了解一下恒信蓝筹精选这只基金'],
      ['r', '您好，这是一只偏股混合基金，波动会比较大，您之前做过风险测评吗？'],
      ['c', '做过，C4'],
      ['c', '不过申购费1.5%也太高了吧'],
      ['r', '通过我们手机银行申购有费率优惠，打一折，只要0.15%'],
      ['c', '哦那还行，那我先买5万试试'],
      ['r', '好的，我把购买链接发您'],
    ],
    {
      tags: ['fees_high', 'purchase_signal'],
      sentiment: 'neutral',
      intents: [['growth', 50000, null, null, null]],
      products: ['恒信蓝筹精选混合A'],
    },
  ),
  conv(
    'd03',
    '2025-03-04T10:12',
    [
      ['r', '李女士，很多客户担心亏损，您会不会怕亏？'],
      ['c', '我不怕亏，年轻嘛，波动大点也能扛'],
      ['c', '我有20万，想做点长期投资，5年以上都不用'],
      ['r', '好的，那可以考虑权益类为主的组合'],
      ['c', '嗯，你先发几个给我看看'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['growth', 200000, 60, 'low', 'aggressive']] },
  ),
  conv(
    'd04',
    '2025-03-04T16:40',
    [
      ['c', '我们家有30万定期下个月到期'],
      ['c', '想换个收益高点的，你有什么推荐'],
      ['r', '可以看看我们的稳健型理财，业绩比较基准3%左右'],
      ['c', '听起来还行，不过我得回去跟我老婆商量商量'],
      ['c', '过两天再说吧'],
    ],
    {
      tags: ['consult_family', 'wait_and_see'],
      sentiment: 'neutral',
      intents: [['growth', 300000, null, null, null]],
    },
  ),
  conv(
    'd05',
    '2025-03-05T09:02',
    [
      ['c', '上次在你们这买的理财亏了3万'],
      ['c', '说实话你们推荐的东西我现在不太敢信了'],
      ['r', '非常理解您的心情，那只产品去年受市场影响确实回撤较大'],
      ['c', '别说了，反正我是被坑怕了'],
    ],
    { tags: ['distrust'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'd06',
    '2025-03-05T11:20',
    [
      ['c', '这20万是给我儿子明年结婚准备的'],
      ['c', '这个产品有封闭期吗？我怕到时候急用钱取不出来'],
      ['r', '这款有180天的最短持有期，之后可以随时赎回'],
      ['c', '180天还行，明年下半年才办酒'],
    ],
    { tags: ['liquidity_concern'], sentiment: 'neutral', intents: [['other', 200000, 12, 'high', null]] },
  ),
  conv(
    'd07',
    '2025-03-06T15:30',
    [
      ['c', '你们当初卖我这个产品的时候说是保本的，现在亏了百分之十'],
      ['c', '我要投诉，不行我就打12378'],
      ['r', '非常抱歉给您带来困扰，我马上帮您核实当时的销售记录'],
      ['c', '把剩下的钱都给我赎回'],
    ],
    { tags: ['complaint_risk', 'redemption_intent'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'd08',
    '2025-03-07T10:00',
    [
      ['r', '这只稳健型基金最近一年表现比较平稳'],
      ['c', '就这个吧，怎么买？'],
      ['c', '先买10万，这10万两三年内都用不到'],
      ['c', '我风格比较稳健'],
    ],
    {
      tags: ['purchase_signal'],
      sentiment: 'neutral',
      intents: [['growth', 100000, 24, 'medium', 'moderate']],
    },
  ),
  conv(
    'd09',
    '2025-03-07T13:45',
    [
      ['c', '上周你说的那个纯债基金我考虑好了'],
      ['c', '不用再等了，今天就买吧'],
      ['c', '拿30万'],
      ['r', '好的，我给您发购买链接'],
    ],
    { tags: ['purchase_signal'], sentiment: 'neutral', intents: [['growth', 300000, null, null, null]] },
  ),
  conv(
    'd10',
    '2025-03-08T09:15',
    [
      ['c', '我和老公商量过了，他也同意'],
      ['c', '那我们就买吧'],
      ['c', '这40万是给女儿存的教育金，她还有8年上大学'],
      ['r', '好的，时间比较长，可以适当配置一些权益资产'],
    ],
    {
      tags: ['purchase_signal'],
      sentiment: 'neutral',
      intents: [['education', 400000, 96, 'low', null]],
    },
  ),
  conv(
    'd11',
    '2025-03-10T10:30',
    [
      ['c', '我月薪2万左右，每个月能存个五六千'],
      ['c', '这个理财起投多少？'],
      ['r', '1万起投'],
      ['c', '那我先买3万'],
    ],
    { tags: ['purchase_signal'], sentiment: 'neutral', intents: [['growth', 30000, null, null, null]] },
  ),
  conv(
    'd12',
    '2025-03-10T14:00',
    [
      ['c', '我朋友买了50万的私募，说今年赚了不少'],
      ['c', '我自己有15万闲钱，也想试试'],
      ['r', '私募起投100万，您可以先看看公募的'],
      ['c', '100万啊，那算了，你说说公募的'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['growth', 150000, null, null, null]] },
  ),
  conv(
    'd13',
    '2025-03-11T09:40',
    [
      ['c', '我准备拿50万出来养老'],
      ['r', '好的，50万养老的话，可以考虑养老目标基金'],
      ['c', '不对，是30万，另外20万孩子明年上大学要用'],
      ['r', '明白了，30万养老，20万教育'],
    ],
    {
      tags: [],
      sentiment: 'neutral',
      intents: [
        ['retirement', 300000, null, null, null],
        ['education', 200000, 12, 'high', null],
      ],
    },
  ),
  conv(
    'd14',
    '2025-03-11T15:10',
    [
      ['r', '王先生，上次跟您介绍的那只指数基金您考虑得怎么样？'],
      ['c', '还在犹豫'],
      ['r', '您是不是担心费用太高？'],
      ['c', '对，主要是这个'],
      ['r', '我们有C类份额，不收申购费，持有满7天免赎回费'],
      ['c', '好，那我再考虑考虑'],
    ],
    { tags: ['fees_high', 'wait_and_see'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'd15',
    '2025-03-12T10:05',
    [
      ['c', '我有8万块想买点理财'],
      ['r', '您是担心亏损吗？之前看您一直没下单'],
      ['c', '倒不是，主要是这钱可能随时要用'],
      ['r', '那可以看看现金管理类产品，T+0赎回'],
      ['c', '那我了解一下'],
    ],
    {
      tags: ['liquidity_concern'],
      sentiment: 'neutral',
      intents: [['emergency', 80000, null, 'high', null]],
    },
  ),
  conv(
    'd16',
    '2025-03-12T16:20',
    [
      ['c', '周立衡管的那几只基金最近怎么样啊'],
      ['r', '今年以来回撤比较大，主要是消费板块调整'],
      ['c', '跌了这么多，我心里很慌'],
      ['c', '我想把它卖了，换个稳一点的'],
      ['r', '建议您不要在低点割肉，可以考虑分批'],
    ],
    {
      tags: ['fear_of_loss', 'redemption_intent'],
      sentiment: 'negative',
      intents: [],
      managers: ['周立衡'],
    },
  ),
  conv(
    'd17',
    '2025-03-13T09:00',
    [
      ['c', '准备明年买房，首付现在有80万'],
      ['c', '这笔钱可不能有闪失'],
      ['c', '另外我还想留5万应急'],
      ['r', '首付资金建议放在流动性好、风险低的产品里'],
    ],
    {
      tags: ['fear_of_loss'],
      sentiment: 'neutral',
      intents: [
        ['house', 800000, 12, 'high', 'conservative'],
        ['emergency', 50000, null, 'high', null],
      ],
    },
  ),
  conv(
    'd18',
    '2025-03-13T14:30',
    [
      ['c', '我妈身体不太好，想留20万给她看病用'],
      ['c', '这钱要能随时取'],
      ['r', '可以考虑现金管理类或者短期理财'],
      ['c', '好的谢谢'],
    ],
    {
      tags: ['liquidity_concern'],
      sentiment: 'neutral',
      intents: [['medical', 200000, null, 'high', null]],
    },
  ),
  conv(
    'd19',
    '2025-03-14T10:10',
    [
      ['c', '我有100万，其中30万可以拿去博一把'],
      ['c', '亏了也无所谓，反正是闲钱'],
      ['c', '剩下的先不动'],
      ['r', '那30万可以考虑行业主题基金'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['growth', 300000, null, null, 'aggressive']] },
  ),
  conv(
    'd20',
    '2025-03-14T15:45',
    [
      ['c', '去年买基金亏了8万'],
      ['c', '现在看到基金就怕'],
      ['c', '手上还有20万不知道怎么弄'],
      ['r', '可以先从低波动的固收+开始'],
    ],
    { tags: ['fear_of_loss'], sentiment: 'neutral', intents: [['growth', 200000, null, null, null]] },
  ),
  conv(
    'd21',
    '2025-03-17T09:20',
    [
      ['c', '孩子今年10岁，想给他攒一笔上大学的钱'],
      ['c', '先存20万进去'],
      ['r', '还有8年时间，可以做一个稳健偏积极的组合'],
      ['c', '可以，稳健一点就行'],
    ],
    {
      tags: ['purchase_signal'],
      sentiment: 'neutral',
      intents: [['education', 200000, 96, 'low', 'moderate']],
    },
  ),
  conv(
    'd22',
    '2025-03-17T11:00',
    [
      ['c', '我每个月工资到账后想定投3000'],
      ['c', '定投哪个比较好？'],
      ['r', '可以看看沪深300指数基金'],
      ['c', '行，那就定投这个吧'],
    ],
    { tags: ['purchase_signal'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'd23',
    '2025-03-17T16:00',
    [
      ['c', '余额宝收益都比你们的高'],
      ['c', '我再比较比较吧'],
      ['r', '我们这款现金管理产品七日年化2.1%，也支持T+0'],
      ['c', '嗯，我再看看'],
    ],
    { tags: ['wait_and_see'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'd24',
    '2025-03-18T10:30',
    [
      ['c', '我总共有30万可以投'],
      ['r', '建议您拿20万配置债基，10万配置偏股基金'],
      ['c', '嗯，我考虑一下'],
    ],
    { tags: ['wait_and_see'], sentiment: 'neutral', intents: [['growth', 300000, null, null, null]] },
  ),
  conv(
    'd25',
    '2025-03-18T14:00',
    [
      ['c', '太感谢了，上次你推荐的那个理财收益不错'],
      ['c', '你们服务真好'],
      ['c', '我还有5万，是给孩子明年报兴趣班用的，也帮我买个稳妥的'],
      ['r', '好的，我给您看看短期理财'],
    ],
    {
      tags: ['purchase_signal'],
      sentiment: 'positive',
      intents: [['education', 50000, 12, 'high', 'conservative']],
    },
  ),
  conv(
    'd26',
    '2025-03-19T09:10',
    [
      ['c', '打了三次电话都没人接，你们这是什么服务'],
      ['c', '我的赎回款到现在都没到账'],
      ['r', '非常抱歉，我马上帮您查一下'],
      ['c', '今天之内不给我解决我就投诉'],
    ],
    { tags: ['complaint_risk'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'd27',
    '2025-03-19T11:30',
    [
      ['c', '10万打算后年去欧洲玩'],
      ['c', '哦不对，是明年'],
      ['r', '明年的话时间比较短，建议放短期理财'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['travel', 100000, 12, 'high', null]] },
  ),
  conv(
    'd28',
    '2025-03-19T15:00',
    [
      ['r', '您再看看这份产品说明书，有问题随时问我'],
      ['c', '好的，我看完了，挺清楚的'],
      ['c', '就按刚才说的买8万'],
    ],
    { tags: ['purchase_signal'], sentiment: 'neutral', intents: [['growth', 80000, null, null, null]] },
  ),
  conv(
    'd29',
    '2025-03-20T10:00',
    [
      ['r', '李阿姨，您是不信任我们吗？'],
      ['c', '不是不相信你，是我老公不让买'],
      ['c', '我回去再做做他的工作'],
    ],
    { tags: ['consult_family'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'd30',
    '2025-03-20T14:20',
    [
      ['c', '我有40万'],
      ['c', '这钱5年内都用不到，锁定期长点没关系'],
      ['r', '那可以考虑三年期的理财或者养老目标基金'],
      ['c', '可以，你发我看看'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['growth', 400000, 60, 'low', null]] },
  ),
  conv(
    'd31',
    '2025-03-21T09:30',
    [
      ['c', '这个会不会亏本啊？'],
      ['c', '我年纪大了，亏不起'],
      ['c', '这15万是我的养老钱'],
      ['r', '阿姨，这款是R2低风险产品，波动比较小'],
    ],
    {
      tags: ['fear_of_loss'],
      sentiment: 'neutral',
      intents: [['retirement', 150000, null, null, 'conservative']],
    },
  ),
  conv(
    'd32',
    '2025-03-21T11:00',
    [
      ['c', '帮我查下这个月的定投扣款了没'],
      ['r', '已经扣了，1000元，3号扣的'],
      ['c', '好的，谢谢'],
    ],
    { tags: [], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'd33',
    '2025-03-21T16:10',
    [
      ['c', '我老婆有20万私房钱，想让我帮她问问买什么'],
      ['c', '我自己的话没什么闲钱'],
      ['r', '可以请她本人来做个风险测评'],
    ],
    { tags: [], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'd34',
    '2025-03-24T09:45',
    [
      ['c', '这个管理费多少？'],
      ['r', '每年0.8%'],
      ['c', '还可以'],
      ['c', '那我买3万'],
    ],
    { tags: ['purchase_signal'], sentiment: 'neutral', intents: [['growth', 30000, null, null, null]] },
  ),
  conv(
    'd35',
    '2025-03-24T13:30',
    [
      ['c', '最近行情不好，等跌到底再进场吧'],
      ['c', '手里有20万准备等行情好了再投'],
      ['r', '可以考虑分批建仓，降低择时风险'],
      ['c', '不急，再观望一阵'],
    ],
    { tags: ['wait_and_see'], sentiment: 'neutral', intents: [['growth', 200000, null, null, null]] },
  ),
  conv(
    'd36',
    '2025-03-25T10:00',
    [
      ['c', '我们准备三年后换房，现在攒了100万'],
      ['c', '这钱绝对不能亏'],
      ['r', '明白，三年期限可以考虑中短债'],
    ],
    {
      tags: ['fear_of_loss'],
      sentiment: 'neutral',
      intents: [['house', 1000000, 36, 'medium', 'conservative']],
    },
  ),
  conv(
    'd37',
    '2025-03-25T15:00',
    [
      ['c', '我有三笔钱：20万应急，50万给儿子三年后出国读研，剩下30万随便投投'],
      ['c', '那30万能接受较大的波动'],
      ['r', '好的，那我们分三个账户来规划'],
    ],
    {
      tags: [],
      sentiment: 'neutral',
      intents: [
        ['emergency', 200000, null, 'high', null],
        ['education', 500000, 36, 'medium', null],
        ['growth', 300000, null, null, 'aggressive'],
      ],
    },
  ),
  conv(
    'd38',
    '2025-03-26T09:30',
    [
      ['c', '我有40万想规划一下'],
      ['r', '所以您这40万主要是给孩子读书用，五年后用，对吗？'],
      ['c', '对的'],
      ['r', '那可以做一个五年期的教育金规划'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['education', 400000, 60, 'low', null]] },
  ),
  conv(
    'd39',
    '2025-03-26T14:00',
    [
      ['c', '我爸妈也有点钱想买理财，不过那是他们自己的事'],
      ['c', '我这边有12万年终奖，想放一年'],
      ['r', '一年期可以看看我们的定开理财'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['growth', 120000, 12, 'high', null]] },
  ),
  conv(
    'd40',
    '2025-03-27T10:15',
    [
      ['c', '这个产品听起来不错'],
      ['c', '不过这个得问问我儿子，他懂这个'],
      ['r', '好的，您可以把资料转给他看看'],
    ],
    { tags: ['consult_family'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'd41',
    '2025-03-27T16:30',
    [
      ['c', '你们银行卖的产品都是坑'],
      ['c', '我被坑过一次了，不会再上当'],
      ['r', '很抱歉让您有这样的体验'],
    ],
    { tags: ['distrust'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'd42',
    '2025-03-28T09:00',
    [
      ['r', '您是觉得费率高吗？'],
      ['c', '费率不高，我主要是担心净值波动'],
      ['c', '跌起来受不了'],
    ],
    { tags: ['fear_of_loss'], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'd43',
    '2025-03-28T11:20',
    [
      ['c', '我怕麻烦，有没有操作简单点的'],
      ['r', '可以开通智能定投，设置好就自动扣款'],
      ['c', '这个好'],
    ],
    { tags: [], sentiment: 'neutral', intents: [] },
  ),
  conv(
    'd44',
    '2025-03-28T14:10',
    [
      ['c', '今天下午3点前买算今天的吗？'],
      ['r', '是的，15点前按当日净值'],
      ['c', '好，我现在就转15万过去'],
    ],
    { tags: ['purchase_signal'], sentiment: 'neutral', intents: [['growth', 150000, null, null, null]] },
  ),
  conv(
    'd45',
    '2025-03-31T10:00',
    [
      ['c', '封闭期多久？我怕急用的时候取不出来'],
      ['r', '这款是每日开放的，T+1到账'],
      ['c', '那就放心了，买20万，这是我的备用金'],
    ],
    {
      tags: ['liquidity_concern', 'purchase_signal'],
      sentiment: 'positive',
      intents: [['emergency', 200000, null, 'high', null]],
    },
  ),
  conv(
    'd46',
    '2025-03-31T13:40',
    [
      ['c', '我想把那只医药基金赎回了'],
      ['c', '拿出来的12万准备给我爸做手术'],
      ['r', '好的，赎回一般T+2到账'],
    ],
    {
      tags: ['redemption_intent'],
      sentiment: 'neutral',
      intents: [['medical', 120000, null, 'high', null]],
    },
  ),
  conv(
    'd47',
    '2025-04-01T09:30',
    [
      ['c', '你们这个App老是闪退，买个基金买了半天'],
      ['c', '再这样我就去网上曝光你们'],
      ['r', '非常抱歉，我马上反馈给技术部门'],
    ],
    { tags: ['complaint_risk'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'd48',
    '2025-04-01T14:00',
    [
      ['r', '很多人觉得基金费率高，其实长期看费用影响不大'],
      ['c', '嗯，我倒是觉得还好'],
      ['c', '我有25万，想买个十年的养老产品'],
      ['r', '可以看看养老目标日期基金'],
    ],
    { tags: [], sentiment: 'neutral', intents: [['retirement', 250000, 120, 'low', null]] },
  ),
  conv(
    'd49',
    '2025-04-02T10:30',
    [
      ['c', '你们这个产品靠谱吗？别又是忽悠人的'],
      ['c', '我邻居在你们这买了100万，亏了一半'],
      ['r', '每个产品的风险等级不同，我给您详细讲讲'],
    ],
    { tags: ['distrust'], sentiment: 'negative', intents: [] },
  ),
  conv(
    'd50',
    '2025-04-02T15:00',
    [
      ['c', '我现在手头有6万，年底发了奖金再一起买'],
      ['c', '现在先不买'],
      ['r', '好的，到时候联系您'],
    ],
    { tags: ['wait_and_see'], sentiment: 'neutral', intents: [['growth', 60000, null, null, null]] },
  ),
];
