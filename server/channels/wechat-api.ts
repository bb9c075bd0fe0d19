import { z } from 'zod';

export interface WechatAccount {
  appId: string;
  appSecret: string;
}

/** errcodes that say the access token is not (or no longer) good: get a new one and send again. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);
/** A token is renewed this long before WeChat says it expires. */
const EARLY_MS = 5 * 60_000;

const tokenAnswer = z.object({
  access_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive().optional(),
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
});
const sendAnswer = z.object({ errcode: z.number().int().default(0), errmsg: z.string().default('') });
const uploadAnswer = sendAnswer.extend({ media_id: z.string().min(1).max(256).optional() });
type Answer = z.infer<typeof uploadAnswer>;

/** What WeChat takes as an `image` (temporary media: PNG, JPEG, GIF up to 10 MB); anything else goes as a link. */
export const WECHAT_IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif'];
export const WECHAT_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(`wechat: ${errcode} ${message}`);
  }
}

/**
 * WeChat's server API for replies: an access token from `/cgi-bin/token`, cached per AppID
 * until shortly before `expires_in` and fetched again when a call says it is stale,
 * customer-service messages through `/cgi-bin/message/custom/send`, and images uploaded
 * first as temporary media (`/cgi-bin/media/upload`, multipart field `media`) for their
 * media_id. The base URL comes from WECHAT_API_BASE so tests talk to a simulated WeChat.
 */
export class WechatApi {
  private readonly tokens = new Map<string, { token: string; until: number }>();
  // One token request per account at a time: WeChat counts them (2,000 a day) and each new one voids the last.
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(
    private readonly base: string,
    private readonly timeoutMs = 10_000,
  ) {}

  sendText(account: WechatAccount, openId: string, text: string): Promise<void> {
    return this.send(account, { touser: openId, msgtype: 'text', text: { content: text } });
  }

  /** Uploads the image as temporary media, then sends it as an `image` customer-service message. */
  async sendImage(account: WechatAccount, openId: string, image: { bytes: Buffer; name: string; type: string }) {
    const mediaId = await this.withToken(account, async (token) => {
      const form = new FormData();
      form.append('media', new Blob([new Uint8Array(image.bytes)], { type: image.type }), image.name);
      const url = `${this.base}/cgi-bin/media/upload?access_token=${encodeURIComponent(token)}&type=image`;
      const answer = uploadAnswer.parse(await this.json(url, { method: 'POST', body: form }));
      if (answer.errcode === 0 && !answer.media_id) return { ...answer, errcode: -1, errmsg: 'no media_id' };
      return answer;
    });
    await this.send(account, { touser: openId, msgtype: 'image', image: { media_id: mediaId } });
  }

  private async send(account: WechatAccount, message: object): Promise<void> {
    const body = JSON.stringify(message);
    await this.withToken(account, async (token) => {
      const url = `${this.base}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`;
      return sendAnswer.parse(await this.json(url, { method: 'POST', body }));
    });
  }

  /** Runs `call` with the token; a stale-token answer gets a new token and one more try. */
  private async withToken(account: WechatAccount, call: (token: string) => Promise<Answer>): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const answer = await call(await this.token(account, attempt > 0));
      if (answer.errcode === 0) return answer.media_id ?? '';
      if (!STALE_TOKEN.has(answer.errcode) || attempt > 0) throw new WechatApiError(answer.errcode, answer.errmsg);
      this.tokens.delete(account.appId);
    }
  }

  /** The cached token, or a new one when there is none, it is about to expire, or `renew`. */
  async token(account: WechatAccount, renew = false): Promise<string> {
    const cached = this.tokens.get(account.appId);
    if (cached && !renew && cached.until > Date.now()) return cached.token;
    const running = this.fetching.get(account.appId);
    if (running) return running;
    const fetching = (async () => {
      const q = new URLSearchParams({
        grant_type: 'client_credential',
        appid: account.appId,
        secret: account.appSecret,
      });
      const answer = tokenAnswer.parse(await this.json(`${this.base}/cgi-bin/token?${q.toString()}`, {}));
      if (!answer.access_token || !answer.expires_in)
        throw new WechatApiError(answer.errcode ?? -1, answer.errmsg ?? 'no access_token');
      this.tokens.set(account.appId, {
        token: answer.access_token,
        until: Date.now() + Math.max(answer.expires_in * 1000 - EARLY_MS, answer.expires_in * 500),
      });
      return answer.access_token;
    })().finally(() => this.fetching.delete(account.appId));
    this.fetching.set(account.appId, fetching);
    return fetching;
  }

  private async json(url: string, init: { method?: string; body?: string | FormData }): Promise<unknown> {
    const res = await fetch(url, {
      ...init,
      // FormData sets its own multipart type with the boundary.
      headers: typeof init.body === 'string' ? { 'content-type': 'application/json' } : {},
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new WechatApiError(-res.status, `HTTP ${res.status}`);
    return res.json();
  }
}
