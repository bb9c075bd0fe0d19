// The static world the demo generator samples from: real public IPs that geoip-lite
// resolves to the city named beside them (checked by demo-world.test.ts), real
// user-agent strings, real referrers, the shop's pages and its agents' shifts.

export interface Place {
  country: string;
  city: string;
  /** navigator.language of most visitors from there. */
  language: string;
  weight: number;
  ips: string[];
}

export const PLACES: Place[] = [
  {
    country: 'CN',
    city: 'Shanghai',
    language: 'zh-CN',
    weight: 14,
    ips: ['61.173.185.181', '58.35.79.172', '180.173.96.199'],
  },
  {
    country: 'CN',
    city: 'Beijing',
    language: 'zh-CN',
    weight: 12,
    ips: ['58.206.252.222', '101.30.31.170', '124.16.119.208'],
  },
  {
    country: 'CN',
    city: 'Shenzhen',
    language: 'zh-CN',
    weight: 10,
    ips: ['61.141.34.235', '121.35.139.2', '27.38.3.139'],
  },
  {
    country: 'CN',
    city: 'Guangzhou',
    language: 'zh-CN',
    weight: 9,
    ips: ['116.21.179.85', '121.9.167.78', '121.8.253.87'],
  },
  {
    country: 'CN',
    city: 'Hangzhou',
    language: 'zh-CN',
    weight: 7,
    ips: ['115.195.16.102', '120.27.200.247', '47.106.6.71'],
  },
  { country: 'CN', city: 'Chengdu', language: 'zh-CN', weight: 5, ips: ['222.209.63.29', '119.5.49.72'] },
  { country: 'CN', city: 'Wuhan', language: 'zh-CN', weight: 4, ips: ['111.60.17.140', '221.232.0.134'] },
  { country: 'US', city: 'New York', language: 'en-US', weight: 5, ips: ['208.253.109.130', '156.111.97.30'] },
  { country: 'US', city: 'San Francisco', language: 'en-US', weight: 4, ips: ['74.85.11.196', '162.15.89.80'] },
  { country: 'US', city: 'Los Angeles', language: 'en-US', weight: 3, ips: ['104.224.223.183', '162.244.13.50'] },
  { country: 'US', city: 'Chicago', language: 'en-US', weight: 2, ips: ['102.129.222.172', '168.206.237.186'] },
  { country: 'GB', city: 'London', language: 'en-GB', weight: 4, ips: ['158.223.198.230', '70.33.253.104'] },
  { country: 'DE', city: 'Berlin', language: 'de-DE', weight: 2, ips: ['83.135.247.246', '84.186.115.44'] },
  { country: 'DE', city: 'Frankfurt am Main', language: 'de-DE', weight: 2, ips: ['18.194.202.202', '185.137.95.222'] },
  { country: 'JP', city: 'Tokyo', language: 'ja-JP', weight: 3, ips: ['103.140.137.16', '60.134.245.109'] },
  { country: 'SG', city: 'Singapore', language: 'en-SG', weight: 3, ips: ['8.223.24.226', '159.138.116.34'] },
  { country: 'AU', city: 'Sydney', language: 'en-AU', weight: 2, ips: ['23.101.216.4', '13.237.157.132'] },
  { country: 'FR', city: 'Paris', language: 'fr-FR', weight: 2, ips: ['92.222.154.182', '82.229.33.138'] },
  { country: 'BR', city: 'São Paulo', language: 'pt-BR', weight: 1, ips: ['191.165.238.68', '191.17.137.105'] },
  { country: 'IN', city: 'Mumbai', language: 'en-IN', weight: 2, ips: ['103.219.167.64', '111.119.224.89'] },
  { country: 'TW', city: 'Taipei', language: 'zh-TW', weight: 2, ips: ['124.155.189.39', '180.176.31.11'] },
  { country: 'CA', city: 'Toronto', language: 'en-CA', weight: 2, ips: ['159.203.31.122', '174.95.145.225'] },
  { country: 'KR', city: 'Seoul', language: 'ko-KR', weight: 2, ips: ['175.116.19.183', '14.138.13.240'] },
];

/** Visitors from mainland China see Baidu, Weibo and WeChat; the rest of the world sees Google and Facebook. */
export type Market = 'cn' | 'intl';
export const marketOf = (country: string): Market => (country === 'CN' ? 'cn' : 'intl');

export interface Browser {
  ua: string;
  device: 'desktop' | 'mobile' | 'tablet';
  weight: Record<Market, number>;
}

export const USER_AGENTS: Browser[] = [
  {
    device: 'desktop',
    weight: { cn: 24, intl: 30 },
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  },
  {
    device: 'desktop',
    weight: { cn: 10, intl: 9 },
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
  },
  {
    device: 'desktop',
    weight: { cn: 5, intl: 10 },
    ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  },
  {
    device: 'desktop',
    weight: { cn: 2, intl: 6 },
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0',
  },
  {
    device: 'desktop',
    weight: { cn: 1, intl: 2 },
    ua: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
  },
  {
    device: 'mobile',
    weight: { cn: 16, intl: 20 },
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  },
  {
    device: 'mobile',
    weight: { cn: 10, intl: 14 },
    ua: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36',
  },
  {
    device: 'mobile',
    weight: { cn: 14, intl: 0 },
    ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN',
  },
  {
    device: 'mobile',
    weight: { cn: 8, intl: 0 },
    ua: 'Mozilla/5.0 (Linux; Android 14; 23127PN0CC Build/UKQ1.230804.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220133 MMWEBSDK/20240404 MMWEBID/2307 MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/5G Language/zh_CN ABI/arm64',
  },
  {
    device: 'tablet',
    weight: { cn: 4, intl: 5 },
    ua: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  },
  {
    device: 'tablet',
    weight: { cn: 2, intl: 2 },
    ua: 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Safari/537.36',
  },
];

export const SCREENS: Record<Browser['device'], string[]> = {
  desktop: ['1920x1080', '1536x864', '1440x900', '2560x1440', '1366x768'],
  mobile: ['390x844', '393x852', '412x915', '360x800', '430x932'],
  tablet: ['820x1180', '800x1280', '1024x1366'],
};

/** Crawlers seen on Chinese and international shops; isbot() recognises every one. */
export const BOT_AGENTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)',
  'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.6478.126 Safari/537.36',
];

export interface Product {
  slug: string;
  name: string;
  nameZh: string;
  /** Price in yuan; visitors outside China pay the USD price. */
  cny: number;
  usd: number;
  blurb: string;
}

export const PRODUCTS: Product[] = [
  {
    slug: 'tea-set',
    name: 'Celadon Tea Set',
    nameZh: '青瓷茶具套装',
    cny: 399,
    usd: 59,
    blurb: 'Hand-glazed Longquan celadon: one pot, six cups, a bamboo tray.',
  },
  {
    slug: 'oolong',
    name: 'Tieguanyin Oolong',
    nameZh: '安溪铁观音',
    cny: 129,
    usd: 19,
    blurb: 'Anxi oolong from the spring harvest, 250 g in a sealed tin.',
  },
  {
    slug: 'kettle',
    name: 'Gooseneck Kettle',
    nameZh: '控温手冲壶',
    cny: 259,
    usd: 39,
    blurb: 'Holds the water to the degree — 80 °C for green, 95 °C for oolong.',
  },
  {
    slug: 'gift-box',
    name: 'Mid-Autumn Gift Box',
    nameZh: '中秋礼盒',
    cny: 599,
    usd: 89,
    blurb: 'Two teas, four mooncakes and a hand-written card, gift-wrapped.',
  },
];

export interface Page {
  path: string;
  title: string;
  /** Median seconds a visitor reads it. */
  readSeconds: number;
  /** Where visitors go next, by weight; the checkout is reached only through an order. */
  next: Record<string, number>;
}

const SHOP = 'Demo Tea Shop';
const toProducts = { '/products/tea-set': 4, '/products/oolong': 4, '/products/kettle': 2, '/products/gift-box': 3 };
export const PAGES: Page[] = [
  {
    path: '/',
    title: `${SHOP} — fine tea, delivered`,
    readSeconds: 18,
    next: { '/products': 10, ...toProducts, '/pricing': 4, '/blog/how-to-brew-oolong': 2, '/contact': 1 },
  },
  {
    path: '/products',
    title: `Products · ${SHOP}`,
    readSeconds: 22,
    next: { ...toProducts, '/products': 0, '/pricing': 2, '/': 1 },
  },
  ...PRODUCTS.map((p) => ({
    path: `/products/${p.slug}`,
    title: `${p.name} · ${SHOP}`,
    readSeconds: 45,
    next: { '/products': 6, ...toProducts, '/cart': 4, '/pricing': 2, '/contact': 1 },
  })),
  {
    path: '/pricing',
    title: `Tea club pricing · ${SHOP}`,
    readSeconds: 40,
    next: { '/contact': 3, '/products': 3, '/': 1, '/cart': 1 },
  },
  { path: '/cart', title: `Your cart · ${SHOP}`, readSeconds: 25, next: { '/products': 3, '/': 1 } },
  { path: '/checkout', title: `Checkout · ${SHOP}`, readSeconds: 90, next: { '/': 1 } },
  { path: '/contact', title: `Contact us · ${SHOP}`, readSeconds: 35, next: { '/': 2, '/products': 1 } },
  {
    path: '/blog/how-to-brew-oolong',
    title: `How to brew oolong · ${SHOP}`,
    readSeconds: 120,
    next: { '/products/oolong': 5, '/products/kettle': 3, '/blog/tea-gifts-guide': 1, '/': 1 },
  },
  {
    path: '/blog/tea-gifts-guide',
    title: `A guide to tea gifts · ${SHOP}`,
    readSeconds: 100,
    next: { '/products/gift-box': 6, '/products/tea-set': 3, '/': 1 },
  },
  {
    path: '/blog/celadon-care',
    title: `Caring for celadon · ${SHOP}`,
    readSeconds: 90,
    next: { '/products/tea-set': 6, '/blog/how-to-brew-oolong': 1, '/': 1 },
  },
];

/** Links to other sites on the shop's pages (outbound events). */
export const OUTBOUND = [
  'https://example.org/partner',
  'https://weibo.com/demoteashop',
  'https://www.xiaohongshu.com/user/profile/demoteashop',
];

export interface AgentShift {
  id: string;
  /** The demo team's names: seeded as agent accounts nobody signs in to (demo-agents.ts). */
  name: string;
  /** Local hours [from, to) on weekdays; weekends are covered by `weekend` agents only. */
  from: number;
  to: number;
  weekend: boolean;
  /** Serves visitors who write English (the others write Chinese). */
  english: boolean;
}

export const AGENTS: AgentShift[] = [
  { id: 'agent-li', name: 'Li Na 李娜', from: 9, to: 18, weekend: false, english: false },
  { id: 'agent-wang', name: 'Wang Fang 王芳', from: 9, to: 18, weekend: true, english: false },
  { id: 'agent-chen', name: 'Chen Jie 陈杰', from: 13, to: 22, weekend: false, english: true },
  { id: 'agent-emma', name: 'Emma Clarke', from: 8, to: 17, weekend: true, english: true },
];

/** Auto-invitation rules; manual invitations from an agent have rule_id ''. */
export const RULES = { pricing: 'rule-pricing-30s', exitIntent: 'rule-exit-intent' } as const;

/** Relative traffic per local hour (0–23) and weekday (0 = Sunday): busy 9–22h, quieter weekends. */
export const HOUR_WEIGHTS = [
  1.2, 0.7, 0.4, 0.3, 0.25, 0.3, 0.6, 1.2, 2.4, 4.2, 5.4, 5.8, 5, 5.2, 5.8, 5.9, 5.6, 5.2, 4.8, 5.4, 6.2, 6.4, 5.2, 2.6,
];
export const WEEKDAY_WEIGHTS = [0.7, 1.1, 1.12, 1.08, 1.05, 0.98, 0.72];
