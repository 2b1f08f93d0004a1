import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { loadWecomConfig } from '../../config.js';

const variableOf = (env: Record<string, string>): string => {
  try {
    loadWecomConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return String((e as AppError).details.variable);
  }
  throw new Error('expected a refusal');
};

describe('WeCom configuration', () => {
  const full = {
    WECOM_TOKEN: 'QDG6eK',
    WECOM_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
    WECOM_CORP_ID: 'wx5823bf96d3bd56c7',
  };

  it('is optional: none set gives null, all set gives the config', () => {
    expect(loadWecomConfig({})).toBeNull();
    expect(loadWecomConfig({ WECOM_TOKEN: ' ', WECOM_AES_KEY: '', WECOM_CORP_ID: '' })).toBeNull();
    expect(loadWecomConfig(full)).toEqual({
      token: 'QDG6eK',
      encodingAesKey: full.WECOM_AES_KEY,
      corpId: 'wx5823bf96d3bd56c7',
    });
  });

  it('names the variable that is missing or wrong', () => {
    expect(variableOf({ WECOM_TOKEN: 'abc' })).toBe('WECOM_AES_KEY');
    expect(variableOf({ ...full, WECOM_CORP_ID: '' })).toBe('WECOM_CORP_ID');
    expect(variableOf({ ...full, WECOM_AES_KEY: 'tooshort' })).toBe('WECOM_AES_KEY');
    expect(variableOf({ ...full, WECOM_TOKEN: 'has space' })).toBe('WECOM_TOKEN');
  });
});
