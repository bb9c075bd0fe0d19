import { createServer, type IncomingMessage } from 'node:http';

export interface CustomMessage {
  token: string;
  touser: string;
  msgtype: string;
  text?: { content: string };
  image?: { media_id: string };
}

/** A temporary media upload as WeChat received it. */
export interface MediaUpload {
  token: string;
  type: string;
  mediaId: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * A simulated WeChat API server speaking the documented protocol: `GET /cgi-bin/token`
 * (client_credential with the right AppID and secret → a new access token, which voids the
 * previous one, as WeChat does) and `POST /cgi-bin/message/custom/send?access_token=…`
 * (errcode 40001 for a token that is not the current one, 42001 for an expired one; 40007
 * for an image whose media_id it never issued), and `POST /cgi-bin/media/upload?access_token=…
 * &type=image` (multipart, the file in field `media` → `{ type, media_id, created_at }`).
 */
export async function startWechatServer(account: { appId: string; appSecret: string }, port = 0) {
  let current = '';
  let issued = 0;
  let expired = false;
  let down = false;
  const tokenRequests: string[] = [];
  const sent: CustomMessage[] = [];
  const refused: number[] = [];
  const uploads: MediaUpload[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://wechat.test');
    const json = (body: object) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      const q = url.searchParams;
      tokenRequests.push(q.toString());
      if (q.get('grant_type') !== 'client_credential')
        return void json({ errcode: 40002, errmsg: 'invalid grant_type' });
      if (q.get('appid') !== account.appId || q.get('secret') !== account.appSecret)
        return void json({ errcode: 40125, errmsg: 'invalid appsecret' });
      current = `ACCESS_TOKEN_${++issued}`;
      expired = false;
      return void json({ access_token: current, expires_in: 7200 });
    }
    const refuse = (errcode: number, errmsg: string) => {
      refused.push(errcode);
      json({ errcode, errmsg });
    };
    const token = url.searchParams.get('access_token') ?? '';
    // The token checks every API call makes, in WeChat's order; true when the call may go on.
    const authorised = () => {
      if (down) res.writeHead(503).end('busy');
      else if (token !== current) refuse(40001, 'invalid credential, access_token is invalid or not latest');
      else if (expired) refuse(42001, 'access_token expired');
      else return true;
      return false;
    };
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/custom/send') {
      void readAll(req).then((body) => {
        if (!authorised()) return;
        const message = JSON.parse(body.toString('utf8')) as Omit<CustomMessage, 'token'>;
        if (message.msgtype === 'image' && !uploads.some((u) => u.mediaId === message.image?.media_id))
          return refuse(40007, 'invalid media_id');
        sent.push({ token, ...message });
        json({ errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/media/upload') {
      void readAll(req).then(async (body) => {
        if (!authorised()) return;
        const type = url.searchParams.get('type') ?? '';
        if (!['image', 'voice', 'video', 'thumb'].includes(type)) return refuse(40004, 'invalid media type');
        const form = await new Response(new Uint8Array(body), {
          headers: { 'content-type': req.headers['content-type'] ?? '' },
        })
          .formData()
          .catch(() => null);
        const media = form?.get('media');
        if (!media || typeof media === 'string') return refuse(41005, 'media data missing');
        const mediaId = `MEDIA_${uploads.length + 1}_${type}`;
        const bytes = Buffer.from(await media.arrayBuffer());
        uploads.push({ token, type, mediaId, fileName: media.name, contentType: media.type, bytes });
        json({ type, media_id: mediaId, created_at: Math.floor(Date.now() / 1000) });
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    tokenRequests,
    sent,
    refused,
    uploads,
    /** WeChat's API answers 503 until switched back. */
    setDown: (value: boolean) => void (down = value),
    /** WeChat expires the current token early (it may, e.g. after a secret reset). */
    expireToken: () => void (expired = true),
    /** Someone else (another server with the same AppID) fetched a token: ours is no longer the latest. */
    rotateToken: () => void (current = `ACCESS_TOKEN_${++issued}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
