import type { Market } from './demo-world.ts';

/** Where the demo's visitors come from: weights per market, referrers, UTM tags, ad click ids and landings. */
export interface Source {
  weight: Record<Market, number>;
  referrer: string;
  /** UTM tags added to the landing page's URL. */
  query: string;
  /** Ad click id parameter appended with a fresh value per click. */
  clickId: '' | 'gclid' | 'fbclid' | 'bd_vid' | 'msclkid';
  /** Where these visitors land. */
  landings: string[];
}

const BLOG = ['/blog/how-to-brew-oolong', '/blog/tea-gifts-guide', '/blog/celadon-care'];
export const SOURCES: Source[] = [
  {
    weight: { cn: 22, intl: 22 },
    referrer: '',
    query: '',
    clickId: '',
    landings: ['/', '/', '/', '/products', '/pricing', '/products/tea-set'],
  },
  {
    weight: { cn: 18, intl: 1 },
    referrer: 'https://www.baidu.com/link?url=Tk3qPz8s7b',
    query: '',
    clickId: '',
    landings: ['/', '/products', '/products/tea-set', '/products/oolong', ...BLOG],
  },
  {
    weight: { cn: 2, intl: 20 },
    referrer: 'https://www.google.com/',
    query: '',
    clickId: '',
    landings: ['/', '/products', '/products/oolong', '/products/kettle', ...BLOG],
  },
  {
    weight: { cn: 4, intl: 5 },
    referrer: 'https://cn.bing.com/',
    query: '',
    clickId: '',
    landings: ['/', '/products', ...BLOG],
  },
  {
    weight: { cn: 6, intl: 0 },
    referrer: 'https://www.zhihu.com/question/31597426',
    query: '',
    clickId: '',
    landings: BLOG,
  },
  {
    weight: { cn: 4, intl: 0 },
    referrer: 'https://weibo.com/',
    query: '',
    clickId: '',
    landings: ['/', '/products/gift-box'],
  },
  {
    weight: { cn: 5, intl: 0 },
    referrer: 'https://weibo.com/',
    query: 'utm_source=weibo&utm_medium=social&utm_campaign=mid_autumn_gift',
    clickId: '',
    landings: ['/products/gift-box'],
  },
  {
    weight: { cn: 8, intl: 0 },
    referrer: 'https://www.baidu.com/',
    query: 'utm_source=baidu&utm_medium=cpc&utm_campaign=tea_set_search&utm_term=%E9%9D%92%E7%93%B7%E8%8C%B6%E5%85%B7',
    clickId: 'bd_vid',
    landings: ['/products/tea-set', '/products'],
  },
  {
    weight: { cn: 0, intl: 6 },
    referrer: 'https://www.google.com/',
    query: 'utm_source=google&utm_medium=cpc&utm_campaign=oolong_search&utm_term=oolong+tea',
    clickId: 'gclid',
    landings: ['/products/oolong', '/products'],
  },
  {
    weight: { cn: 0, intl: 2 },
    referrer: 'https://www.bing.com/',
    query: 'utm_source=bing&utm_medium=cpc&utm_campaign=oolong_search',
    clickId: 'msclkid',
    landings: ['/products/oolong'],
  },
  {
    weight: { cn: 0, intl: 5 },
    referrer: 'https://www.facebook.com/',
    query: 'utm_source=facebook&utm_medium=paid_social&utm_campaign=spring_launch',
    clickId: 'fbclid',
    landings: ['/products/kettle', '/'],
  },
  {
    weight: { cn: 4, intl: 5 },
    referrer: '',
    query: 'utm_source=newsletter&utm_medium=email&utm_campaign=weekly_digest',
    clickId: '',
    landings: [...BLOG, '/pricing'],
  },
  {
    weight: { cn: 4, intl: 0 },
    referrer: 'https://www.xiaohongshu.com/',
    query: 'utm_source=xiaohongshu&utm_medium=social&utm_campaign=mid_autumn_gift',
    clickId: '',
    landings: ['/products/gift-box', '/'],
  },
  {
    weight: { cn: 4, intl: 0 },
    referrer: 'https://mp.weixin.qq.com/',
    query: 'utm_source=wechat&utm_medium=social&utm_campaign=tea_club',
    clickId: '',
    landings: ['/pricing', '/'],
  },
  {
    weight: { cn: 1, intl: 2 },
    referrer: 'https://example.org/partner',
    query: '',
    clickId: '',
    landings: ['/', '/products'],
  },
];
