/**
 * Traditional → Simplified for the characters of Caiban's compliance vocabulary (rule terms, disclosures,
 * negations, common wealth-marketing words), as pairs "TS". Built from the OpenCC character tables (tw and
 * hk variants) and checked against opencc-js in traditional.test.ts. A plain character map keeps the
 * normaliser one-to-one, so spans map back to the original text.
 */
const PAIRS =
  '萬万與与專专業业兩两嚴严個个豐丰義义為为爲为舉举書书買买爭争於于虧亏雲云產产産产億亿僅仅從从倉仓們们價价眾众衆众優优會会傳传倫伦體体餘余債债儲储兌兑關关養养內内冊册寫写軍军衝冲況况淨净準准幾几擊击劃划' +
  '則则剛刚創创刪删別别製制辦办務务動动區区協协單单佔占卻却捲卷曆历歷历壓压參参蔘参發发髮发變变隻只檯台臺台颱台號号後后週周諮咨團团圍围國国場场塊块堅坚處处備备復复複复夠够頭头學学寶宝實实審审對对壽寿將将' +
  '儘尽盡尽層层屬属幣币師师幹干並并廣广應应開开異异強强當当錄录徵征徑径憂忧總总恆恒戰战戶户搶抢護护報报擔担擇择損损據据撐撑數数斷断無无時时顯显暫暂機机權权條条來来鬆松闆板構构標标樣样檢检檻槛歡欢匯汇彙汇' +
  '沒没滬沪測测濟济澇涝潤润漲涨靈灵點点熱热獨独現现電电瘋疯監监盤盘碼码確确視视離离種种稱称穩稳筆笔類类係系繫系紅红約约級级紀纪緊紧納纳綫线線线組组細细終终紹绍經经結结絕绝統统績绩續续編编網网聯联脹胀勝胜' +
  '緻致節节範范薦荐蕩荡獲获穫获營营慮虑雖虽觀观規规計计認认讓让訓训議议記记許许論论設设證证評评識识詐诈詞词誠诚話话詢询該该詳详語语誤误說说説说請请諾诺讀读調调謂谓謠谣謹谨負负財财責责貨货質质購购費费資资' +
  '贖赎賠赔賴赖賺赚賽赛贊赞贏赢趕赶踐践車车轉转輪轮輕轻較较輔辅達达過过運运還还這这遠远違违連连適适選选遙遥採采裏里裡里鍾钟鐘钟錢钱銀银銷销鎖锁錯错長长門门閉闭問问間间閱阅閲阅隊队階阶際际險险隨随難难麵面' +
  '頂顶項项須须鬚须顧顾預预領领題题額额風风馬马駕驾驗验騙骗龍龙';

export const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<number, number> = (() => {
  const m = new Map<number, number>();
  for (let i = 0; i + 1 < PAIRS.length; i += 2) m.set(PAIRS.charCodeAt(i), PAIRS.charCodeAt(i + 1));
  return m;
})();
