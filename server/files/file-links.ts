import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_ROUTE } from '../contract/chat-files.ts';

// Links to chat files for those who hold neither a staff session nor the chat's token: a
// channel's bridge fetching what an agent sent, a WeChat follower opening a document. The
// link names the site, the file and an expiry, and carries an HMAC of the three under a
// key kept in the files folder of the data dir, so only this server makes links, a link
// opens that one file, and it stops working when it expires.

/** How long a link works: longer than the outbox retries a reply (24 h), and a customer may open it days later. */
export const FILE_LINK_TTL_MS = 7 * 24 * 60 * 60_000;

export type LinkCheck = 'ok' | 'forged' | 'expired';

export class FileLinks {
  private key: Buffer | null = null;

  constructor(private readonly dir: string) {}

  /** `/api/files/<site>/<file>?exp=<unix s>&sig=<mac>` under `base` (the server's public URL). */
  url(base: string, siteId: string, fileId: string, now = Date.now()): string {
    const exp = Math.floor((now + FILE_LINK_TTL_MS) / 1000);
    const sig = this.mac(siteId, fileId, exp).toString('base64url');
    return `${base}${FILE_ROUTE}/${encodeURIComponent(siteId)}/${fileId}?exp=${exp}&sig=${sig}`;
  }

  /** Whether `exp` and `sig` are this server's for this file, and still good. */
  check(siteId: string, fileId: string, exp: string, sig: string, now = Date.now()): LinkCheck {
    const seconds = /^\d{1,12}$/.test(exp) ? Number(exp) : NaN;
    const given = /^[A-Za-z0-9_-]{43}$/.test(sig) ? Buffer.from(sig, 'base64url') : null;
    if (!Number.isFinite(seconds) || !given) return 'forged';
    const expected = this.mac(siteId, fileId, seconds);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    return seconds * 1000 > now ? 'ok' : 'expired';
  }

  private mac(siteId: string, fileId: string, exp: number): Buffer {
    return createHmac('sha256', this.signingKey()).update(`file\u0000${siteId}\u0000${fileId}\u0000${exp}`).digest();
  }

  /** 32 random bytes made on first use; two processes racing to make it both read the one that won. */
  private signingKey(): Buffer {
    if (this.key) return this.key;
    const file = join(this.dir, '.links.key');
    mkdirSync(this.dir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    this.key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    return this.key;
  }
}
