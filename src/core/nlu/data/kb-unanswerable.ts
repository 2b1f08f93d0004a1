/**
 * Customer questions the starter knowledge base (kb-starter.ts) does NOT answer (issue 17, the "no match"
 * decision). Written for this purpose from a list of needs a bank customer brings to a wealth app but that a
 * wealth/fund knowledge base does not cover — loans, cards, deposits, foreign exchange, brokerage, cash and
 * branch services, social insurance and tax, claims, inheritance, crypto — plus chit-chat, in the voices of
 * the app (short keywords, colloquial, long with context). Written without reading the frozen evaluation set
 * (data/eval/) or copying the development sets. Each group is one need; the groups marked `dev: true` are meant
 * to stay out of any training and check the decision on topics it never saw. Nothing trains on this set now
 * (using the other groups as negatives of the "no match" model was tried and dropped, docs/nlu.md):
 * bench/kb-dev.ts reports how many of these questions come out as "no match" (a development figure).
 */
export type UnanswerableGroup = { need: string; dev?: boolean; questions: readonly string[] };

export const KB_UNANSWERABLE: readonly UnanswerableGroup[] = [
  {
    need: 'mortgage',
    questions: [
      '房贷月供怎么算的',
      '我想把商贷转成公积金贷款，能办吗',
      'LPR降了我的房贷什么时候跟着降',
      '二套房首付要几成',
      '房贷还了五年了，提前结清有没有违约金',
      '等额本金和等额本息哪个划算',
      '房贷批下来多久放款',
      '房贷扣款日能改吗',
    ],
  },
  {
    need: 'consumer and business loans',
    questions: [
      '消费贷最多能借多少',
      '装修贷款需要什么材料',
      '个体户能申请经营贷吗',
      '信用贷款年化利率多少',
      '贷款审批没通过是什么原因',
      '借呗和你们的消费贷哪个利息低',
      '车贷可以提前还吗',
      '抵押贷款评估费谁出',
    ],
  },
  {
    need: 'credit card',
    questions: [
      '信用卡年费怎么免',
      '信用卡积分能换什么',
      '信用卡最低还款有利息吗',
      '信用卡还款日是哪天',
      '我想注销信用卡',
      '信用卡临时额度怎么申请',
      '在国外刷信用卡有手续费吗',
      '信用卡被盗刷了怎么办',
      '办一张白金卡要什么条件',
    ],
  },
  {
    need: 'deposits',
    questions: [
      '活期存款利率是多少',
      '零存整取怎么办理',
      '七天通知存款怎么存',
      '存款保险最多赔多少',
      '五十万存三年定期一年利息多少',
      '存款利率下个月还会降吗',
      '儿童存钱罐账户怎么开',
    ],
  },
  {
    need: 'foreign exchange and remittance',
    questions: [
      '欧元现在什么价',
      '日元现钞能在网点兑换吗',
      '往香港汇钱手续费多少',
      '收到境外汇款怎么结汇',
      '留学生学费购汇需要什么材料',
      '外币可以存定期吗',
      '美元汇率会不会继续涨',
    ],
  },
  {
    need: 'stocks and brokerage',
    questions: [
      '怎么开通创业板权限',
      '科创板开户要多少资产',
      '股票账户转账银证转账怎么操作',
      '这只股票明天会涨吗',
      '帮我推荐几只股票',
      '港股通开通条件是什么',
      '炒股佣金万几',
      '期权交易怎么开通',
    ],
  },
  {
    need: 'precious metals',
    questions: [
      '实物金条能回购吗',
      '金价现在多少一克',
      '纸黄金怎么交易',
      '黄金积存每个月最少存多少',
      '买的金币能卖回给银行吗',
    ],
  },
  {
    need: 'transfers and payments',
    questions: [
      '跨行转账要手续费吗',
      '转账转错人了能追回吗',
      '大额转账多久到对方账户',
      '转账显示成功但对方没收到',
      '怎么给别人转账到支付宝',
      '手机银行转账怎么预约',
      '一天最多能转多少钱出去',
    ],
  },
  {
    need: 'cash, branches and ATM',
    questions: [
      '取五万现金要提前预约吗',
      '网点几点下班',
      '最近的网点在哪',
      'ATM存款机吞钱了怎么办',
      '可以换新版零钱吗',
      '外地的卡在本地取钱收费吗',
      '银行卡每天取现上限是多少',
      '周日网点开门吗',
    ],
  },
  {
    need: 'credit report',
    questions: [
      '个人征信报告怎么打印',
      '征信有逾期记录多久能消',
      '征信查询次数多了影响贷款吗',
      '征信上有一笔不是我的贷款怎么办',
      '网贷会上征信吗',
    ],
  },
  {
    need: 'social insurance, housing fund and tax',
    questions: [
      '医保卡余额怎么查',
      '公积金账户余额在哪看',
      '退休金什么时候发到卡里',
      '个税APP怎么填专项附加扣除',
      '社保卡丢了怎么补',
      '灵活就业社保怎么交',
      '公积金贷款额度怎么算',
    ],
  },
  {
    need: 'insurance claims and policies',
    questions: [
      '住院了医疗险怎么报销',
      '理赔需要准备哪些材料',
      '理赔款多久到账',
      '车险怎么续保',
      '保单丢了怎么补',
      '保单贷款利息多少',
      '保险公司拒赔了怎么办',
    ],
  },
  {
    need: 'cards and accounts (not wealth)',
    questions: [
      '一类卡和二类卡有什么区别',
      '借记卡年费小额账户管理费怎么免',
      '银行卡有效期到了怎么换卡',
      '给孩子办银行卡需要带什么',
      '外国人能在你们这开户吗',
      '银行卡消磁了怎么办',
    ],
  },
  {
    need: 'inheritance and special cases',
    questions: [
      '家人去世了他的存款怎么取出来',
      '老人行动不便能上门办业务吗',
      '帮父母代办理财需要什么手续',
      '离婚了共同财产里的基金怎么分',
      '遗嘱里写的理财怎么过户',
    ],
  },
  {
    need: 'crypto and other platforms',
    questions: [
      '比特币现在能买吗',
      '你们支持买以太坊吗',
      'P2P平台暴雷了钱能要回来吗',
      '支付宝余额宝和你们的货基哪个好',
      '微信零钱通收益多少',
    ],
  },
  {
    need: 'market news and specific prices',
    questions: [
      '今天大盘收盘多少点',
      '美联储这次加息了吗',
      '最近房价会跌吗',
      '明年经济形势怎么样',
      '现在是牛市还是熊市',
    ],
  },
  {
    need: 'bank other services',
    questions: [
      '保险柜怎么租',
      '开个验资证明要多久',
      '支票怎么开',
      '银行承兑汇票怎么贴现',
      '企业开对公账户要什么材料',
      '发工资的代发业务怎么办',
    ],
  },
  {
    need: 'chit-chat',
    questions: [
      '今天心情不好',
      '你是机器人吗',
      '你叫什么名字',
      '推荐一本好看的小说',
      '周末去哪里爬山好',
      '明天会不会下雪',
      '附近有什么好吃的',
      '帮我写一首诗',
      '你会唱歌吗',
      '晚上睡不着怎么办',
      '世界上最高的山是哪座',
      '帮我算一下37乘以48',
    ],
  },
  {
    need: 'auto loan and leasing',
    dev: true,
    questions: [
      '买车贷款首付最低多少',
      '车贷月供能延期吗',
      '车贷结清后怎么解押',
      '新能源车贷款利率有优惠吗',
      '二手车能做贷款吗',
    ],
  },
  {
    need: 'student and education',
    dev: true,
    questions: [
      '国家助学贷款怎么续贷',
      '孩子出国留学存款证明怎么开',
      '学费可以用信用卡交吗',
      '教育储蓄怎么办理',
      '留学贷款利率多少',
    ],
  },
  {
    need: 'digital wallet and app features',
    dev: true,
    questions: [
      '数字人民币怎么充值',
      '手机银行怎么开通指纹支付',
      '云闪付怎么绑卡',
      '手机银行能交水电费吗',
      '怎么用手机银行缴交通罚款',
      'Apple Pay能绑你们的卡吗',
    ],
  },
  {
    need: 'fraud cases and police',
    dev: true,
    questions: [
      '被骗转账了能冻结对方账户吗',
      '接到自称银行的电话让我转钱是真的吗',
      '我的卡被司法冻结了找谁',
      '收到一笔陌生人转账怎么处理',
      '网上兼职刷单被骗了怎么办',
    ],
  },
  {
    need: 'chit-chat and life (held out)',
    dev: true,
    questions: [
      '今天是星期几',
      '讲个故事听听',
      '我想学做蛋糕',
      '哪个手机拍照好',
      '失恋了好难过',
      '给我推荐个电视剧',
    ],
  },
  {
    need: 'enterprise and payroll',
    dev: true,
    questions: [
      '公司账户年检要带什么',
      '小微企业贷款有贴息吗',
      '开发票需要去网点吗',
      '企业网银U盾丢了怎么办',
      '对公转账几点之前当天到',
    ],
  },
];

/** Training questions (groups not marked dev). */
export const KB_UNANSWERABLE_TRAIN: readonly string[] = KB_UNANSWERABLE.filter((g) => !g.dev).flatMap(
  (g) => g.questions,
);
/** Held-out questions (whole needs never trained on): a development check of the decision. */
export const KB_UNANSWERABLE_DEV: readonly string[] = KB_UNANSWERABLE.filter((g) => g.dev).flatMap(
  (g) => g.questions,
);
