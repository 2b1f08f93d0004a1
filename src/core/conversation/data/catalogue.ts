import type { Catalogue } from '../../nlu/catalogue.js';

/**
 * The fictitious product shelf and fund managers the labelled conversations talk about (no real product or
 * person is named). The platform passes its own shelf; this one serves the labelled sets and the tests.
 */
export const LABELLED_CATALOGUE: Catalogue = {
  products: [
    { name: '恒信蓝筹精选混合A', code: '960101' },
    { name: '安泰纯债债券A', code: '960102' },
    { name: '华晟沪深300指数增强A', code: '960103' },
    { name: '瑞丰医药健康混合', code: '960104' },
    { name: '稳盈现金宝货币A', code: '960105' },
    { name: '长盈养老目标2045三年持有混合(FOF)', code: '960106' },
  ],
  managers: [{ name: '周立衡' }, { name: '林子航' }, { name: '陈思远' }, { name: '吴静宜' }],
};
