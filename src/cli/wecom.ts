import type { Command } from 'commander';
import { badInput } from '../core/errors.js';
import { openEnvelope, sealMessage, wecomKeys } from '../server/modules/wecom/crypto.js';
import { printJson, runAction } from './io/output.js';

/** `caiban wecom decrypt|encrypt` — the WeCom callback cipher (CLI.md, RM assistant and WeCom). */

type KeyOpts = {
  token: string;
  aesKey: string;
  receiveId: string;
  timestamp: string;
  nonce: string;
  json?: boolean;
};

const keysOf = (o: KeyOpts) => wecomKeys(o.token, o.aesKey, o.receiveId, '--aes-key');

const decrypt = (o: KeyOpts & { signature: string; data: string }): void => {
  const plaintext = openEnvelope(keysOf(o), {
    signature: o.signature,
    timestamp: o.timestamp,
    nonce: o.nonce,
    encrypt: o.data,
  });
  if (o.json) printJson({ plaintext });
  else process.stdout.write(`${plaintext}\n`);
};

const encrypt = (o: KeyOpts & { text: string; random?: string }): void => {
  let random: Buffer | undefined;
  if (o.random !== undefined) {
    random = Buffer.from(o.random, 'utf8');
    if (random.length !== 16) throw badInput('--random', 'give exactly 16 ASCII characters (16 bytes)');
  }
  const { encrypt: ciphertext, signature } = sealMessage(keysOf(o), o.text, o.timestamp, o.nonce, random);
  if (o.json) printJson({ encrypt: ciphertext, signature });
  else process.stdout.write(`${ciphertext}\n${signature}\n`);
};

const common = (c: Command): Command =>
  c
    .requiredOption('--token <token>', 'the callback Token of the WeCom app')
    .requiredOption('--aes-key <key>', 'the EncodingAESKey (43 characters)')
    .requiredOption('--receive-id <id>', 'the corp id (or suite id) the message is for')
    .requiredOption('--timestamp <ts>', 'the timestamp of the callback URL')
    .requiredOption('--nonce <nonce>', 'the nonce of the callback URL')
    .option('--json', 'print one JSON document on stdout');

export const register = (program: Command): void => {
  const wecom = program.command('wecom').description('WeCom (企业微信) callback cipher / 企业微信回调加解密');
  common(wecom.command('decrypt').description('check msg_signature, decrypt and check the receive id'))
    .requiredOption('--signature <sig>', 'msg_signature of the callback URL')
    .requiredOption('--data <base64>', 'the ciphertext (Encrypt element or echostr)')
    .action((o: KeyOpts & { signature: string; data: string }) =>
      runAction(Boolean(o.json), () => decrypt(o)),
    );
  common(wecom.command('encrypt').description('encrypt a message and sign it (what a reply carries)'))
    .requiredOption('--text <text>', 'the plaintext message (e.g. the reply XML)')
    .option('--random <16chars>', 'the 16 random bytes in front (default: drawn from node:crypto)')
    .action((o: KeyOpts & { text: string; random?: string }) => runAction(Boolean(o.json), () => encrypt(o)));
};
