import { expect, test } from './support/test';
import { signIn } from './support/session';

// The dashboard's Content-Security-Policy must allow everything the app does: no screen may
// log a violation (a blocked inline script, style, socket or image would).
const SCREENS = [
  'overview',
  'conversion',
  'agents',
  'live',
  'chats',
  'chat-history',
  'rules',
  'visitors',
  'leads',
  'geo',
  'staffing',
  'hot-words',
  'pages',
  'retention',
  'journeys',
  'events',
  'goals',
  'funnels',
  'bots',
  'callbacks',
  'knowledge',
  'robot',
  'tags',
  'import',
]
  .map((s) => `/s/demo-shop/${s}`)
  .concat(['/settings/sites', '/settings/sites/demo-shop/webhooks', '/settings/users', '/account']);

test('dashboard screens carry the security headers and break none of their rules', async ({ page }) => {
  test.setTimeout(90_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `Content Security Policy violation on ${location.pathname}: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
      ),
    );
  });

  const signInPage = await page.goto('/sign-in');
  const headers = signInPage?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  await signIn(page);
  for (const path of SCREENS) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  await expect(page.getByTestId('account-menu')).toBeVisible();
  expect(problems.filter((p) => /content security policy|content-security-policy|refused to/i.test(p))).toEqual([]);
});

test('the demo shop and the snippet keep working without the dashboard policy', async ({ page }) => {
  const shop = await page.goto('/demo/');
  expect(shop?.headers()['content-security-policy']).toBeUndefined();
  const accepted = page.waitForResponse((r) => r.url().endsWith('/api/collect') && r.status() === 202);
  await page.reload();
  await accepted;
});
