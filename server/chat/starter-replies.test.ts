import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../clickhouse/migrate.ts';
import { TABLES } from '../../clickhouse/tables.ts';
import type { SessionUser } from '../contract/roles.ts';
import { listCannedReplies } from '../queries/list-canned-replies.ts';
import { appRouter } from '../trpc/root.ts';
import { testStore } from '../testing/test-store.ts';

// A site an admin creates starts with three canned replies, once: replies the team deletes
// stay deleted when the site is saved again.
const ch = testStore();
beforeAll(() => migrate(ch));
afterAll(() => ch.close());

const admin: SessionUser = { id: 'u-admin', email: 'admin@example.com', name: 'Admin', role: 'admin', siteIds: [] };
const caller = appRouter.createCaller({ ch, user: admin, token: null, ip: '10.0.0.1', resHeaders: new Headers() });
const replies = async (siteId: string) => (await listCannedReplies(ch, siteId)).map((r) => [r.shortcut, r.body]);
const rows = async (siteId: string) =>
  Number(
    (
      await (
        await ch.query({
          query: `SELECT count() AS n FROM ${TABLES.cannedReplies} WHERE site_id = {siteId:String}`,
          query_params: { siteId },
          format: 'JSONEachRow',
        })
      ).json<{ n: string }>()
    )[0]?.n,
  );

describe('starter canned replies', () => {
  it('gives a new site a greeting, a request for contact details and a closing line, once', async () => {
    const input = { name: 'Travel Blog', domains: ['travel.example'], timeZone: 'Europe/Berlin', respectDnt: false };
    const { id } = await caller.site.create(input);
    expect(await replies(id)).toEqual([
      ['bye', 'Thank you for chatting with us. Have a great day!'],
      ['contact', 'So we can follow up, could you leave your email or phone number?'],
      ['hello', 'Hello! Thanks for reaching out. How can I help you today?'],
    ]);
    expect(await rows(id)).toBe(3);

    // The team removes one; saving the site again does not bring it back.
    const hello = (await caller.canned.list({ siteId: id })).find((r) => r.shortcut === 'hello')!;
    await caller.canned.remove({ siteId: id, replyId: hello.replyId });
    await caller.site.update({ siteId: id, ...input, name: 'Travel Blog 2' });
    await ch.command({ query: `OPTIMIZE TABLE ${TABLES.cannedReplies} FINAL` });
    expect((await replies(id)).map(([shortcut]) => shortcut)).toEqual(['bye', 'contact']);
  });

  it('speaks Chinese to a site in a Chinese time zone', async () => {
    const { id } = await caller.site.create({
      name: '茶叶店',
      domains: ['tea.example.cn'],
      timeZone: 'Asia/Shanghai',
      respectDnt: false,
    });
    expect(await replies(id)).toEqual([
      ['bye', '感谢您的咨询，祝您生活愉快！'],
      ['contact', '方便留一下您的邮箱或手机号吗？我们会尽快跟进。'],
      ['hello', '您好！感谢您的咨询，请问有什么可以帮您？'],
    ]);
  });
});
