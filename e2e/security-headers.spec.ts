import { expect, test } from './support/test';
import { signIn } from './support/session';

// That the policy allows everything each screen does is checked on the walk over every screen
// in i18n.spec.ts (no screen may log a violation).
test('dashboard screens carry the security headers', async ({ page }) => {
  const expectHeaders = (headers: Record<string, string>) => {
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  };
  expectHeaders((await page.goto('/sign-in'))?.headers() ?? {});
  await signIn(page);
  expectHeaders((await page.goto('/s/demo-shop/overview'))?.headers() ?? {});
});

test('the demo shop and the snippet keep working without the dashboard policy', async ({ page }) => {
  const shop = await page.goto('/demo/');
  expect(shop?.headers()['content-security-policy']).toBeUndefined();
  const accepted = page.waitForResponse((r) => r.url().endsWith('/api/collect') && r.status() === 202);
  await page.reload();
  await accepted;
});
