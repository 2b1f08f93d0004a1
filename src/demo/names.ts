import type { Rng } from '../core/random.js';

/**
 * Fictitious Chinese names: a common surname (weighted roughly by frequency) and one or two given-name
 * characters drawn independently, so names are plausible but no list of real people is used.
 */
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 7.1],
  ['李', 7.0],
  ['张', 6.6],
  ['刘', 5.4],
  ['陈', 4.5],
  ['杨', 3.1],
  ['赵', 2.3],
  ['黄', 2.2],
  ['周', 2.1],
  ['吴', 2.0],
  ['徐', 1.7],
  ['孙', 1.5],
  ['胡', 1.3],
  ['朱', 1.3],
  ['高', 1.2],
  ['林', 1.2],
  ['何', 1.2],
  ['郭', 1.1],
  ['马', 1.1],
  ['罗', 0.9],
  ['梁', 0.9],
  ['宋', 0.8],
  ['郑', 0.8],
  ['谢', 0.7],
  ['韩', 0.7],
  ['唐', 0.7],
  ['冯', 0.6],
  ['于', 0.6],
  ['董', 0.6],
  ['萧', 0.5],
  ['程', 0.5],
  ['曹', 0.5],
  ['袁', 0.5],
  ['邓', 0.5],
  ['许', 0.5],
  ['傅', 0.4],
  ['沈', 0.4],
  ['曾', 0.4],
  ['彭', 0.4],
  ['吕', 0.4],
  ['欧阳', 0.05],
  ['司马', 0.02],
  ['诸葛', 0.01],
];
const SURNAME_TOTAL = SURNAMES.reduce((a, [, w]) => a + w, 0);

const GIVEN_M = '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欣博文轩哲睿晨阳';
const GIVEN_F = '芳娜敏静丽艳娟霞秀玲桂英慧婷雪琳晶颖倩蕾梅琴悦欣怡彤妍涵萱雨佳颖璐';
const GIVEN_ANY = '建国志海晓子思一嘉永春秋立新红云天心';

const charOf = (rng: Rng, s: string): string => s.charAt(rng.int(s.length));

export const personName = (rng: Rng, gender: 'M' | 'F'): string => {
  let r = rng.next() * SURNAME_TOTAL;
  let surname = SURNAMES[0]![0];
  for (const [s, w] of SURNAMES) {
    r -= w;
    if (r <= 0) {
      surname = s;
      break;
    }
  }
  const pool = gender === 'M' ? GIVEN_M : GIVEN_F;
  const twoChars = rng.next() < 0.72;
  const given = twoChars
    ? charOf(rng, rng.next() < 0.4 ? GIVEN_ANY : pool) + charOf(rng, pool)
    : charOf(rng, pool);
  return surname + given;
};
