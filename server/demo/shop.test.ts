import { describe, expect, it } from 'vitest';
import { renderDemoShop } from './shop.ts';

describe('demo shop', () => {
  it('embeds the real snippet with the site key on every page', () => {
    for (const path of [
      '/demo',
      '/demo/',
      '/demo/products',
      '/demo/products/tea-set',
      '/demo/pricing',
      '/demo/contact',
    ]) {
      const page = renderDemoShop(path, 'demo-shop');
      expect(page.status).toBe(200);
      expect(page.html).toContain('<script async src="/t.js" data-site="demo-shop"></script>');
    }
  });

  it('escapes the site key and answers unknown pages with 404', () => {
    expect(renderDemoShop('/demo', '"><script>alert(1)</script>').html).not.toContain('<script>alert(1)');
    expect(renderDemoShop('/demo/nope', 'demo-shop').status).toBe(404);
  });
});
