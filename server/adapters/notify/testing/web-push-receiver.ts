import { createDecipheriv, createECDH, hkdfSync, randomBytes, type ECDH } from 'node:crypto';

/** A browser's side of a push subscription: the keys it publishes and the private key it keeps. */
export interface TestSubscriber {
  /** What `PushSubscription.toJSON()` would give for `endpoint`. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  ecdh: ECDH;
  authSecret: Buffer;
}

/** Makes a subscriber as a browser would: a P-256 key pair and 16 random bytes of auth secret. */
export function createTestSubscriber(endpoint: string): TestSubscriber {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    ecdh,
    authSecret,
    subscription: {
      endpoint,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
    },
  };
}

/**
 * Decrypts an `aes128gcm` Web Push body as the browser does (RFC 8291 over RFC 8188): read the
 * header (salt, record size, key id = the sender's public key), derive the input key from the ECDH
 * secret and the auth secret, then the content key and nonce, decrypt each record and strip the
 * padding after the delimiter.
 */
export function decryptWebPush(subscriber: TestSubscriber, body: Buffer): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);

  const receiverPublic = subscriber.ecdh.getPublicKey();
  const ecdhSecret = subscriber.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublic, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, subscriber.authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));

  const plain: Buffer[] = [];
  for (let offset = 0, seq = 0; offset < ciphertext.length; offset += recordSize, seq += 1) {
    const record = ciphertext.subarray(offset, Math.min(offset + recordSize, ciphertext.length));
    const iv = Buffer.from(nonce);
    // The sequence number is XORed into the nonce's low bytes (records here are far fewer than 2^32).
    iv.writeUInt32BE((iv.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, iv);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end -= 1;
    const delimiter = padded[end];
    const last = offset + recordSize >= ciphertext.length;
    if (delimiter !== (last ? 0x02 : 0x01)) throw new Error(`bad padding delimiter ${delimiter} in record ${seq}`);
    plain.push(padded.subarray(0, end));
  }
  return Buffer.concat(plain).toString('utf8');
}
