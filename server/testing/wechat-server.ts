import { createServer } from 'node:http';

export interface CustomMessage {
  token: string;
  touser: string;
  msgtype: string;
  text?: { content: string };
}

/**
 * A simulated WeChat API server speaking the documented protocol: `GET /cgi-bin/token`
 * (client_credential with the right AppID and secret → a new access token, which voids the
 * previous one, as WeChat does) and `POST /cgi-bin/message/custom/send?access_token=…`
 * (errcode 40001 for a token that is not the current one, 42001 for an expired one).
 */
export async function startWechatServer(account: { appId: string; appSecret: string }) {
  let current = '';
  let issued = 0;
  let expired = false;
  let down = false;
  const tokenRequests: string[] = [];
  const sent: CustomMessage[] = [];
  const refused: number[] = [];
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
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/custom/send') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (down) return void res.writeHead(503).end('busy');
        const token = url.searchParams.get('access_token') ?? '';
        if (token !== current) {
          refused.push(40001);
          return void json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        }
        if (expired) {
          refused.push(42001);
          return void json({ errcode: 42001, errmsg: 'access_token expired' });
        }
        sent.push({ token, ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<CustomMessage, 'token'>) });
        return void json({ errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    tokenRequests,
    sent,
    refused,
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
