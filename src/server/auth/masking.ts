/**
 * PII masking for roles that do not need the clear values (masking rules as commonly applied by Chinese
 * banks under 《个人信息保护法》 and JR/T 0171-2020: keep enough to recognise, never enough to use).
 */

/** 张三丰 → 张**; 欧阳娜娜 → 欧***; a Latin name keeps its first letter. */
export const maskName = (name: string): string => {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0]! + '*'.repeat(Math.max(1, chars.length - 1));
};

/** 13800138000 → 138****8000 (first 3 and last 4 digits stay). */
export const maskPhone = (phone: string): string => {
  const digits = phone.trim();
  if (digits.length < 8) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
};

/** 18-character resident ID → first 6 (region) + 8 stars + last 4; other IDs keep first 2 and last 2. */
export const maskIdNumber = (id: string): string => {
  const s = id.trim();
  if (s.length >= 15) return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
  if (s.length <= 4) return '*'.repeat(s.length);
  return s.slice(0, 2) + '*'.repeat(s.length - 4) + s.slice(-2);
};

/** An identity value by channel: phones as phones, everything else (WeChat ids, ECIF numbers) generically. */
export const maskIdentity = (channel: string, value: string): string =>
  channel === 'phone' ? maskPhone(value) : maskIdNumber(value);
