import { test } from '@playwright/test';
import { stopTheClock, useTrackerServer } from './fixture-server';

const fx = useTrackerServer();

test('clicks on links to another host are outbound; internal, hash, mailto and right clicks are not', async ({
  page,
}) => {
  const url = fx.url('/links');
  await page.goto(url);
  await page.click('#internal');
  await page.click('#internal-absolute');
  await page.click('#hash');
  await page.click('#mail');
  await page.click('#outbound');
  await page.click('#nested-span');
  await page.click('#middle', { button: 'middle' });
  await page.click('#right', { button: 'right' });
  await page.click('#stopped');

  await fx.expectEvents([
    { type: 'pageview', url, referrer: '', title: 'Links' },
    { type: 'outbound', url, href: 'https://example.org/pricing?plan=pro' },
    { type: 'outbound', url, href: 'https://example.net/docs' },
    { type: 'outbound', url, href: 'https://example.com/middle' },
    { type: 'outbound', url, href: 'https://example.com/stopped' },
  ]);
});

test('track sends a custom event with its props', async ({ page }) => {
  const url = fx.url('/plain');
  await page.goto(url);
  await page.evaluate(() => {
    window.leadtrail?.('track', 'signup', { plan: 'pro', seats: 3, trial: true });
    window.leadtrail?.('track', 'newsletter');
  });
  await fx.expectEvents([
    { type: 'pageview', url, referrer: '', title: 'Plain page' },
    { type: 'custom', url, name: 'signup', props: { plan: 'pro', seats: 3, trial: true } },
    { type: 'custom', url, name: 'newsletter' },
  ]);
});

test('long names and prop values are cut to the contract instead of losing the event', async ({ page }) => {
  const url = fx.url('/plain');
  await page.goto(url);
  await page.evaluate(() => window.leadtrail?.('track', 'n'.repeat(300), { query: 'q'.repeat(1000) }));
  await fx.expectEvents([
    { type: 'pageview', url, referrer: '', title: 'Plain page' },
    { type: 'custom', url, name: 'n'.repeat(128), props: { query: 'q'.repeat(256) } },
  ]);
});

test('identify sends the fields given and leaves out empty ones', async ({ page }) => {
  const url = fx.url('/plain');
  await page.goto(url);
  await page.evaluate(() => {
    window.leadtrail?.('identify', { name: 'Li Lei', email: 'li@example.com', phone: '+86 138 0000 0000' });
    // A form whose e-mail and phone fields were left empty.
    window.leadtrail?.('identify', { name: 'Han Meimei', email: '', phone: '' });
  });
  await fx.expectEvents([
    { type: 'pageview', url, referrer: '', title: 'Plain page' },
    { type: 'identify', url, name: 'Li Lei', email: 'li@example.com', phone: '+86 138 0000 0000' },
    { type: 'identify', url, name: 'Han Meimei' },
  ]);
});

test('order sends an order event with its id, value and upper-cased currency', async ({ page }) => {
  const url = fx.url('/plain');
  await page.goto(url);
  await page.evaluate(() => {
    window.leadtrail?.('order', { id: 'A-1001', value: 299.5, currency: 'cny' });
    window.leadtrail?.('order', { id: 1002, value: '15', currency: 'USD' });
  });
  await fx.expectEvents([
    { type: 'pageview', url, referrer: '', title: 'Plain page' },
    { type: 'order', url, orderId: 'A-1001', value: 299.5, currency: 'CNY' },
    { type: 'order', url, orderId: '1002', value: 15, currency: 'USD' },
  ]);
});

test('pageview sends a manual page view; unknown commands are ignored', async ({ page }) => {
  await stopTheClock(page);
  const url = fx.url('/plain');
  await page.goto(url);
  await page.evaluate(() => {
    window.leadtrail?.('no-such-command', 'x');
    window.leadtrail?.('pageview');
  });
  await fx.expectEvents([
    { type: 'pageview', url, referrer: '', title: 'Plain page' },
    { type: 'pageview', url, referrer: url, title: 'Plain page' },
  ]);
});

test('exit intent: the pointer leaving through the top, once per page view', async ({ page }) => {
  await stopTheClock(page);
  await page.goto(fx.url('/spa'));
  const leave = (clientY: number, toElement = false) =>
    page.evaluate(
      ([y, inside]) =>
        document.documentElement.dispatchEvent(
          new MouseEvent('mouseout', { clientY: y, bubbles: true, relatedTarget: inside ? document.body : null }),
        ),
      [clientY, toElement] as const,
    );
  await leave(300); // out through the bottom or a side
  await leave(0, true); // onto another element
  await leave(0);
  await leave(-5);
  await page.evaluate(() => history.pushState({}, '', '/spa/next'));
  await leave(-1);
  await leave(-1);

  await fx.expectEvents([
    { type: 'pageview', url: fx.url('/spa'), referrer: '', title: 'SPA shell' },
    { type: 'exit_intent', url: fx.url('/spa') },
    { type: 'pageview', url: fx.url('/spa/next'), referrer: fx.url('/spa'), title: 'SPA shell' },
    { type: 'exit_intent', url: fx.url('/spa/next') },
  ]);
});

test('the real mouse leaving the viewport through the top', async ({ page }) => {
  const url = fx.url('/plain');
  await page.goto(url);
  await page.mouse.move(200, 200);
  await page.mouse.move(200, -20, { steps: 4 });
  await fx.expectEvents([
    { type: 'pageview', url, referrer: '', title: 'Plain page' },
    { type: 'exit_intent', url },
  ]);
});
