import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, badInput } from '../../../core/errors.js';

/**
 * The WeCom (企业微信) callback encryption, with node:crypto only:
 * - msg_signature = SHA-1 hex of the lexicographically sorted [token, timestamp, nonce, encrypt] joined;
 * - AES key = base64-decode(EncodingAESKey + "=") (32 bytes), IV = its first 16 bytes, AES-256-CBC;
 * - plaintext = 16 random bytes ‖ 4-byte network-order message length ‖ message ‖ receive id,
 *   padded with PKCS#7 to a multiple of 32 bytes (not the cipher's 16) before encryption;
 * - the receive id is the corp id (or suite id) the message was meant for and must equal ours.
 */
export type WecomKeys = { token: string; aesKey: Buffer; receiveId: string };

export type WecomRefusal = 'signature_mismatch' | 'receive_id_mismatch' | 'decrypt_failed';

const BLOCK = 32;

/** A refusal as an AppError whose message starts with the reason code (CLI and HTTP show it). */
export const refusal = (reason: WecomRefusal, message: string): AppError => {
  if (reason === 'signature_mismatch') {
    return new AppError('UNAUTHENTICATED', `signature_mismatch: ${message}`, { reason });
  }
  if (reason === 'receive_id_mismatch') {
    return new AppError('FORBIDDEN', `receive_id_mismatch: ${message}`, { reason });
  }
  return new AppError('BAD_INPUT', `decrypt_failed: ${message}`, { reason, field: 'Encrypt' });
};

/** Keys from the console values; the EncodingAESKey must be 43 base64 characters (32 bytes). */
export const wecomKeys = (
  token: string,
  encodingAesKey: string,
  receiveId: string,
  flag = 'aes-key',
): WecomKeys => {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) {
    throw badInput(
      flag,
      'the EncodingAESKey is 43 characters of A–Z, a–z, 0–9, + and / (copy it from the WeCom console)',
    );
  }
  const aesKey = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (aesKey.length !== 32) throw badInput(flag, 'the EncodingAESKey does not decode to 32 bytes');
  if (token === '') throw badInput('token', 'the token is empty');
  if (receiveId === '') throw badInput('receive-id', 'the receive id (corp id) is empty');
  return { token, aesKey, receiveId };
};

/** msg_signature: SHA-1 (hex) of the four values sorted as strings and concatenated. */
export const msgSignature = (token: string, timestamp: string, nonce: string, encrypt: string): string =>
  createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');

/** Constant-time comparison of the expected and the given signature (hex, case-insensitive). */
export const signatureMatches = (expected: string, given: string): boolean => {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};

const pkcs7Pad = (buf: Buffer): Buffer => {
  const n = BLOCK - (buf.length % BLOCK);
  return Buffer.concat([buf, Buffer.alloc(n, n)]);
};

const pkcs7Unpad = (buf: Buffer): Buffer => {
  const n = buf.at(-1) ?? 0;
  if (n < 1 || n > BLOCK || n > buf.length) throw refusal('decrypt_failed', 'bad PKCS#7 padding');
  for (let i = buf.length - n; i < buf.length; i++) {
    if (buf[i] !== n) throw refusal('decrypt_failed', 'bad PKCS#7 padding');
  }
  return buf.subarray(0, buf.length - n);
};

/** Base64 ciphertext of `message` for `keys.receiveId`, with 16 random bytes in front (given or drawn). */
export const encryptMessage = (
  keys: WecomKeys,
  message: string,
  random: Buffer = randomBytes(16),
): string => {
  if (random.length !== 16) throw badInput('random', 'must be exactly 16 bytes');
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length, 0);
  const plain = pkcs7Pad(Buffer.concat([random, len, msg, Buffer.from(keys.receiveId, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', keys.aesKey, keys.aesKey.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
};

/** Decrypts a base64 ciphertext into the message and the receive id it carries (not checked here). */
export const decryptMessage = (keys: WecomKeys, encrypt: string): { message: string; receiveId: string } => {
  const data = Buffer.from(encrypt, 'base64');
  if (data.length === 0 || data.length % 16 !== 0 || !/^[A-Za-z0-9+/=\s]+$/.test(encrypt)) {
    throw refusal('decrypt_failed', 'the ciphertext is not base64 of whole AES blocks');
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', keys.aesKey, keys.aesKey.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch (e) {
    throw refusal('decrypt_failed', (e as Error).message);
  }
  const body = pkcs7Unpad(plain);
  if (body.length < 20) throw refusal('decrypt_failed', 'the plaintext is too short');
  const len = body.readUInt32BE(16);
  if (20 + len > body.length) throw refusal('decrypt_failed', 'the message length exceeds the plaintext');
  return {
    message: body.subarray(20, 20 + len).toString('utf8'),
    receiveId: body.subarray(20 + len).toString('utf8'),
  };
};

export type Envelope = { signature: string; timestamp: string; nonce: string; encrypt: string };

/** Checks the signature, decrypts, checks the receive id; returns the plaintext message. */
export const openEnvelope = (keys: WecomKeys, e: Envelope): string => {
  const expected = msgSignature(keys.token, e.timestamp, e.nonce, e.encrypt);
  if (!signatureMatches(expected, e.signature)) {
    throw refusal(
      'signature_mismatch',
      'msg_signature does not match the token, timestamp, nonce and ciphertext',
    );
  }
  const { message, receiveId } = decryptMessage(keys, e.encrypt);
  if (receiveId !== keys.receiveId) {
    throw refusal('receive_id_mismatch', 'the message was encrypted for another corp id');
  }
  return message;
};

/** Encrypts a reply and signs it: what goes into the <Encrypt> and <MsgSignature> of the reply XML. */
export const sealMessage = (
  keys: WecomKeys,
  message: string,
  timestamp: string,
  nonce: string,
  random?: Buffer,
): { encrypt: string; signature: string } => {
  const encrypt = encryptMessage(keys, message, random);
  return { encrypt, signature: msgSignature(keys.token, timestamp, nonce, encrypt) };
};
