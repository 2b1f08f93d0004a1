import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import {
  decryptMessage,
  encryptMessage,
  msgSignature,
  openEnvelope,
  sealMessage,
  wecomKeys,
} from './crypto.js';

const keys = wecomKeys('QDG6eK', 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', 'wx5823bf96d3bd56c7');
const ECHO = 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==';

const reasonOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return String((e as AppError).details.reason);
  }
  throw new Error('expected a refusal');
};

describe('WeCom callback cipher', () => {
  it('verifies and decrypts the official URL-verification sample', () => {
    expect(msgSignature('QDG6eK', '1409659589', '263014780', ECHO)).toBe(
      '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
    );
    const plain = openEnvelope(keys, {
      signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
      timestamp: '1409659589',
      nonce: '263014780',
      encrypt: ECHO,
    });
    expect(plain).toBe('1616140317555161061');
  });

  it('round-trips any message, pads to a multiple of 32 bytes and signs what it sealed (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (msg, rnd) => {
          const random = Buffer.from(rnd);
          const enc = encryptMessage(keys, msg, random);
          expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
          expect(decryptMessage(keys, enc)).toEqual({ message: msg, receiveId: keys.receiveId });
          const sealed = sealMessage(keys, msg, '1700000000', 'abc', random);
          expect(sealed.encrypt).toBe(enc);
          expect(
            openEnvelope(keys, {
              signature: sealed.signature,
              timestamp: '1700000000',
              nonce: 'abc',
              encrypt: enc,
            }),
          ).toBe(msg);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a changed signature, timestamp, nonce or ciphertext', () => {
    const sealed = sealMessage(keys, 'hello', '1700000000', 'n1');
    const base = {
      signature: sealed.signature,
      timestamp: '1700000000',
      nonce: 'n1',
      encrypt: sealed.encrypt,
    };
    expect(reasonOf(() => openEnvelope(keys, { ...base, signature: '0'.repeat(40) }))).toBe(
      'signature_mismatch',
    );
    expect(reasonOf(() => openEnvelope(keys, { ...base, timestamp: '1700000001' }))).toBe(
      'signature_mismatch',
    );
    expect(reasonOf(() => openEnvelope(keys, { ...base, nonce: 'n2' }))).toBe('signature_mismatch');
    // The seal draws a random prefix, so the first character may already be 'A' (1 in 64): change it for sure.
    const changed = `${base.encrypt.startsWith('A') ? 'B' : 'A'}${base.encrypt.slice(1)}`;
    expect(reasonOf(() => openEnvelope(keys, { ...base, encrypt: changed }))).toBe('signature_mismatch');
  });

  it('refuses a message for another receive id, and garbage ciphertext', () => {
    const other = wecomKeys('QDG6eK', 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', 'ww_other');
    const sealed = sealMessage(other, 'hi', '1', 'n');
    expect(
      reasonOf(() =>
        openEnvelope(keys, {
          signature: sealed.signature,
          timestamp: '1',
          nonce: 'n',
          encrypt: sealed.encrypt,
        }),
      ),
    ).toBe('receive_id_mismatch');
    expect(reasonOf(() => decryptMessage(keys, 'not base64!'))).toBe('decrypt_failed');
    expect(reasonOf(() => decryptMessage(keys, Buffer.alloc(32, 7).toString('base64')))).toBe(
      'decrypt_failed',
    );
  });

  it('refuses an EncodingAESKey that is not 43 base64 characters, naming the flag', () => {
    expect(() => wecomKeys('t', 'short', 'corp', '--aes-key')).toThrow(
      /^--aes-key: the EncodingAESKey is 43 characters/,
    );
    expect(() => encryptMessage(keys, 'x', Buffer.alloc(15))).toThrow(/random: must be exactly 16 bytes/);
  });
});
