import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { autoOrIntFlag, intFlag, numberFlag, parseOptions } from './options.js';

const schema = z.object({
  cv: intFlag(2, 20),
  learningRate: numberFlag({ min: 0, exclusiveMin: true, max: 1 }),
  threads: autoOrIntFlag(1, 64),
  rounds: intFlag(1).optional(),
});

describe('parseOptions', () => {
  it('parses strict integers and numbers', () => {
    expect(parseOptions(schema, { cv: '5', learningRate: '0.1', threads: 'auto' })).toEqual({
      cv: 5,
      learningRate: 0.1,
      threads: 'auto',
    });
    expect(parseOptions(schema, { cv: ' 3 ', learningRate: '1e-2', threads: '4', rounds: '100' })).toEqual({
      cv: 3,
      learningRate: 0.01,
      threads: 4,
      rounds: 100,
    });
  });

  it('names the flag and the value on bad input', () => {
    const bad = (o: Record<string, string>, msg: string): void =>
      expect(() => parseOptions(schema, { cv: '5', learningRate: '0.1', threads: 'auto', ...o })).toThrow(
        msg,
      );
    bad({ cv: '0x10' }, '--cv: expected an integer, got "0x10"');
    bad({ cv: '2.5' }, '--cv: expected an integer');
    bad({ cv: '21' }, '--cv: expected an integer from 2 to 20, got "21"');
    bad({ learningRate: '0' }, '--learning-rate: expected a number above 0, got "0"');
    bad({ learningRate: 'true' }, '--learning-rate: expected a number');
    bad({ threads: 'many' }, '--threads: expected auto or an integer');
    bad({ rounds: '' }, '--rounds: expected an integer');
  });
});
