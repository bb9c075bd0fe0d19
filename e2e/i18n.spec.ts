import { expect, test } from './support/test';
import { readdirSync, readFileSync } from 'node:fs';
import { signIn } from './support/session';
import { trackRequests } from './support/settled';

type Tree = { [key: string]: string | Tree };
const flat = (t: Tree): string[] => Object.values(t).flatMap((v) => (typeof v === 'string' ? [v] : flat(v)));
const catalog = (lang: string) =>
  readdirSync(`app/_i18n/messages/${lang}`).flatMap((f) =>
    flat(JSON.parse(readFileSync(`app/_i18n/messages/${lang}/${f}`, 'utf8')) as Tree),
  );
const zh = new Set(catalog('zh'));
// English interface strings that have a different Chinese text (placeholders dropped).
const english = new Set(catalog('en').filter((s) => !zh.has(s) && !s.includes('{') && /[a-z]{3}/i.test(s)));
// Not interface text: the brand, the first admin's account name (data that happens to read like a role)
// a referrer's name in the demo's sources table (the channel tag says 微信) and the category of
// the demo's English help articles, listed beside the Chinese ones; and the report language
// choice on Account, where each language is named in itself (English, 中文).
const DATA = new Set(['LeadTrail', 'Admin', 'WeChat', 'Orders', 'English']);

const SCREENS = [
  '/s/fixture-a/overview?range=90d',
  '/s/fixture-a/visitors?range=90d',
  '/s/fixture-a/visitors/fv-0020',
  '/s/fixture-a/geo?range=90d',
  '/s/fixture-a/staffing?range=90d',
  '/s/fixture-a/conversion?range=90d',
  '/s/fixture-a/journeys?range=90d',
  '/s/fixture-a/agents?range=90d',
  '/s/fixture-a/leads',
  '/s/fixture-a/rules',
  '/s/fixture-a/chats',
  '/s/fixture-a/live',
  '/s/demo-shop/chat-history',
  '/s/demo-shop/import',
  '/s/demo-shop/overview?range=90d',
  '/s/demo-shop/hot-words?range=90d',
  '/s/demo-shop/pages?range=90d',
  '/s/demo-shop/retention?range=90d',
  '/s/demo-shop/events?range=90d',
  '/s/demo-shop/goals?range=90d',
  '/s/demo-shop/funnels?range=90d',
  '/s/demo-shop/bots?range=90d',
  '/s/demo-shop/callbacks',
  '/s/demo-shop/knowledge',
  '/s/demo-shop/robot?range=90d',
  '/s/demo-shop/tags?range=90d',
  '/settings/sites',
  '/settings/sites/demo-shop/webhooks',
  '/settings/users',
  '/settings/api',
  '/account',
];

// One walk over every screen checks two things that hold for each: the Chinese interface shows no
// English interface text, and the dashboard's Content-Security-Policy allows everything the app
// does (a blocked inline script, style, socket or image logs a violation).
test('every screen in Chinese shows no English interface text and breaks no content security rule', async ({
  page,
}) => {
  // Thirty screens, each loaded until idle: more than the default 30 s on a busy machine.
  test.setTimeout(300_000);
  // A key the catalog lacks is logged by use-intl, and the page shows the key's path instead.
  const missing: string[] = [];
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('MISSING_MESSAGE')) missing.push(`${page.url()}: ${m.text()}`);
    if (/content security policy|content-security-policy|refused to/i.test(m.text())) refused.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `Content Security Policy violation on ${location.pathname}: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
      ),
    );
  });
  const settled = trackRequests(page);
  await signIn(page);
  await page.goto('/');
  await page.locator('.ant-segmented-item', { hasText: '中文' }).click();
  await expect(page.getByText('概览').first()).toBeVisible();
  for (const path of SCREENS) {
    await page.goto(path);
    await settled();
    await expect(page.locator('[data-state="loading"]')).toHaveCount(0);
    const texts = await page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        // What visitors wrote (hot words) is marked translate="no": data, whatever its language.
        if (walker.currentNode.parentElement?.closest('[translate="no"]')) continue;
        const text = walker.currentNode.textContent?.trim();
        if (text) out.push(text);
      }
      for (const el of document.querySelectorAll('[placeholder]')) out.push(el.getAttribute('placeholder') ?? '');
      return out;
    });
    expect(
      texts.filter((t) => english.has(t) && !DATA.has(t)),
      path,
    ).toEqual([]);
  }
  expect(missing.map((m) => m.split('\n')[0])).toEqual([]);
  expect(refused).toEqual([]);
});
