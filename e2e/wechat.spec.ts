import { createHash } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from './support/test';
import { startWechatServer } from '../server/testing/wechat-server';
import { pickOption } from './support/antd';
import { signIn } from './support/session';

// A WeChat follower of the demo shop's Official Account, in real Chromium: WeChat's servers
// (played here) post the follower's signed XML to /wechat/demo-shop; with nobody online the
// robot answers through the customer-service API of a simulated WeChat on loopback, 转人工
// queues the chat, the agent comes online, sees it marked WeChat with the robot's part, and
// answers; the simulated WeChat receives each text for the follower's openid.

// The server was started with WECHAT_API_BASE on this port (playwright.config.ts).
const WECHAT_PORT = (Number(process.env['E2E_PORT']) || 3210) + 1000;
const ACCOUNT = { appId: 'wxe2e0123456789abc', appSecret: 'e2e0f1e2d3c4b5a69780f1e2d3c4b5a6' };
const TOKEN = 'e2eWechatToken';
const OPENID = 'oE2eFollower_0123456789abcdef';
const RETURN_ZH = '签收后7天内在订单页申请退货。';
const ARTICLES = [{ question: '怎么退货？', alternates: ['如何退货'], answer: RETURN_ZH, language: 'zh' }];

let msgId = 81000000000000000n;
/** A follower's text message as WeChat posts it: plain mode, signed with the account's token. */
function fromFollower(request: APIRequestContext, content: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const signature = createHash('sha1').update([TOKEN, timestamp, nonce].sort().join('')).digest('hex');
  const xml =
    `<xml><ToUserName><![CDATA[gh_demo_shop]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName>` +
    `<CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${String(++msgId)}</MsgId></xml>`;
  return request.post(`/wechat/demo-shop?${new URLSearchParams({ signature, timestamp, nonce }).toString()}`, {
    headers: { 'content-type': 'text/xml' },
    data: xml,
  });
}

async function setStatus(agent: Page, status: 'Online' | 'Away') {
  await agent.getByTestId('agent-status').getByText(status).click();
  await expect(agent.getByTestId('agents-online')).toHaveText(status === 'Away' ? 'No agent online' : '1 agent online');
}

async function wechatAccount(page: Page, enabled: boolean) {
  await page.goto('/settings/channels');
  await pickOption(page, page.getByTestId('channels-site'), 'Demo Shop');
  await page.getByTestId('wechat-app-id').fill(ACCOUNT.appId);
  await page.getByTestId('wechat-app-secret').fill(ACCOUNT.appSecret);
  await page.getByTestId('wechat-token').fill(TOKEN);
  await page.getByTestId('wechat-card').getByText('Plain text').click();
  const toggle = page.getByTestId('wechat-enabled');
  if ((await toggle.getAttribute('aria-checked')) !== String(enabled)) await toggle.click();
  await page.getByTestId('wechat-save').click();
  await expect(page.getByText('Saved').first()).toBeVisible();
}

test('a WeChat follower is answered by the robot, handed to the agent in the console, and gets the reply', async ({
  page: agent,
  request,
}, testInfo) => {
  test.setTimeout(120_000);
  const wechat = await startWechatServer(ACCOUNT, WECHAT_PORT);
  try {
    await signIn(agent);
    await agent.goto('/');
    const imported = await agent.evaluate(
      async (body) =>
        (await fetch('/api/trpc/kb.import', { method: 'POST', headers: { 'content-type': 'application/json' }, body }))
          .status,
      JSON.stringify({ siteId: 'demo-shop', format: 'json', text: JSON.stringify(ARTICLES) }),
    );
    expect(imported).toBe(200);
    // The robot answers when no agent can chat (as the robot spec leaves it).
    await agent.goto('/settings/sites/demo-shop');
    await agent.getByTestId('service-edit').click();
    await pickOption(agent, agent.getByTestId('robot-mode-select'), 'When no agent can chat');
    await agent.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await expect(agent.getByTestId('robot-mode')).toHaveText('When no agent can chat');
    await wechatAccount(agent, true);

    await agent.goto('/s/demo-shop/chats');
    await setStatus(agent, 'Away');
    const first = await fromFollower(request, '请问如何退货？');
    expect([first.status(), await first.text()]).toEqual([200, 'success']);
    const texts = () => wechat.sent.filter((m) => m.touser === OPENID).map((m) => m.text?.content);
    await expect.poll(texts, { timeout: 15_000 }).toEqual([RETURN_ZH]);
    await fromFollower(request, '转人工');
    await expect.poll(texts, { timeout: 15_000 }).toHaveLength(2);
    expect(texts()[1]).toContain('排队');

    // The agent is back: the queued chat comes to them, marked WeChat, the robot's part marked.
    await setStatus(agent, 'Online');
    const item = agent
      .getByTestId('chat-item')
      .filter({ has: agent.locator('[data-channel="wechat"]') })
      .first();
    await expect(item.getByTestId('chat-channel')).toHaveText('WeChat', { timeout: 15_000 });
    await item.click();
    const transcript = agent.getByTestId('transcript');
    await expect(transcript.locator('[data-sender="robot"]')).toHaveCount(2);
    await expect(transcript.locator('[data-sender="robot"]').first().getByTestId('robot-mark')).toHaveText('Robot');
    // A follower is not on the site: the console says where they write from and offers no call.
    await expect(agent.getByTestId('visitor-away')).toHaveText('Writing by WeChat: not browsing the site.');
    await expect(agent.getByTestId('chat-call')).toHaveCount(0);
    await agent.getByTestId('chat-input').fill('您好，我来帮您办理退货');
    await agent.getByTestId('chat-input').press('Enter');
    await expect.poll(texts, { timeout: 20_000 }).toHaveLength(3);
    expect(wechat.sent.filter((m) => m.touser === OPENID).at(-1)).toMatchObject({
      msgtype: 'text',
      text: { content: '您好，我来帮您办理退货' },
    });
    expect(wechat.tokenRequests.length).toBeGreaterThanOrEqual(1);
    await agent.screenshot({ path: testInfo.outputPath('wechat-console-1440.png'), fullPage: true });

    // Later specs count on this agent's free chat slots, and on no WeChat account on the demo shop.
    await agent.getByTestId('chat-close').click();
    await expect(item).toContainText('Closed');
    await wechatAccount(agent, false);
  } finally {
    await wechat.close();
  }
});
