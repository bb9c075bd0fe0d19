import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// WeChat's message signing and its "safe mode" encryption (the WXBizMsgCrypt scheme of the
// Official Account message protocol): SHA-1 of the sorted strings; AES-256-CBC with the
// EncodingAESKey (43 base64 characters + '='), the key's first 16 bytes as the IV, PKCS#7
// padding to 32-byte blocks, and a plaintext of 16 random bytes, the message length (4 bytes,
// big-endian), the message and the AppID.

const BLOCK = 32;

/** sha1 of the parts sorted and joined: `signature` (token, timestamp, nonce) or `msg_signature` (+ Encrypt). */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function aesKey(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('wechat: EncodingAESKey is not 43 base64 characters');
  return key;
}

/** The XML inside `Encrypt`, checked to be for `appId`; throws on anything malformed. */
export function decryptWechat(encodingAesKey: string, appId: string, encrypted: string): string {
  const key = aesKey(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const pad = padded.at(-1) ?? 0;
  if (pad < 1 || pad > BLOCK) throw new Error('wechat: bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  if (plain.length < 20) throw new Error('wechat: message too short');
  const length = plain.readUInt32BE(16);
  if (20 + length > plain.length) throw new Error('wechat: bad message length');
  const from = plain.subarray(20 + length).toString('utf8');
  if (from !== appId) throw new Error('wechat: message for another AppID');
  return plain.subarray(20, 20 + length).toString('utf8');
}

/** What WeChat sends in safe mode (tests play WeChat with it; a passive reply would use it too). */
export function encryptWechat(encodingAesKey: string, appId: string, xml: string): string {
  const key = aesKey(encodingAesKey);
  const message = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length);
  const plain = Buffer.concat([randomBytes(16), length, message, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}
