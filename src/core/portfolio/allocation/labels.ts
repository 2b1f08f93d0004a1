import { fenOfYuan, yuanText } from '../../money.js';
import type { AssetClass, Purpose } from './types.js';

export const CLASS_ZH: Record<AssetClass, string> = {
  cash: '现金管理',
  fixed_income: '固定收益',
  fixed_income_plus: '固收+',
  equity: '权益',
  alternatives: '另类（黄金/商品）',
  overseas: '海外（QDII）',
};

export const CLASS_EN: Record<AssetClass, string> = {
  cash: 'cash management',
  fixed_income: 'fixed income',
  fixed_income_plus: 'fixed income plus',
  equity: 'equity',
  alternatives: 'alternatives (gold/commodities)',
  overseas: 'overseas (QDII)',
};

export const PURPOSE_ZH: Record<Purpose, string> = {
  retirement: '养老',
  education: '教育',
  house: '购房',
  emergency: '应急备用',
  growth: '财富增值',
};

export const PURPOSE_EN: Record<Purpose, string> = {
  retirement: 'retirement',
  education: 'education',
  house: 'home purchase',
  emergency: 'emergency',
  growth: 'growth',
};

export const pct = (v: number, digits = 1): string => `${(v * 100).toFixed(digits)}%`;

/** Whole yuan for the proposal's texts ("551,270"). */
export const wholeYuan = (v: number): string => yuanText(fenOfYuan(v), 0);
