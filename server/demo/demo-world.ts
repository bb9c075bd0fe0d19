// The static world the demo generator samples from: real public IPs that geoip-lite
// resolves to the city named beside them (checked by demo-world.test.ts), real
// user-agent strings, real referrers and the shop's pages.

export interface Place {
  country: string;
  city: string;
  weight: number;
  ips: string[];
}

export const PLACES: Place[] = [
  { country: 'CN', city: 'Shanghai', weight: 14, ips: ['61.173.185.181', '58.35.79.172', '180.173.96.199'] },
  { country: 'CN', city: 'Beijing', weight: 12, ips: ['58.206.252.222', '101.30.31.170', '124.16.119.208'] },
  { country: 'CN', city: 'Shenzhen', weight: 10, ips: ['61.141.34.235', '121.35.139.2', '27.38.3.139'] },
  { country: 'CN', city: 'Guangzhou', weight: 9, ips: ['116.21.179.85', '121.9.167.78', '121.8.253.87'] },
  { country: 'CN', city: 'Hangzhou', weight: 7, ips: ['115.195.16.102', '120.27.200.247', '47.106.6.71'] },
  { country: 'CN', city: 'Chengdu', weight: 5, ips: ['222.209.63.29', '119.5.49.72'] },
  { country: 'CN', city: 'Wuhan', weight: 4, ips: ['111.60.17.140', '221.232.0.134'] },
  { country: 'US', city: 'New York', weight: 5, ips: ['208.253.109.130', '156.111.97.30'] },
  { country: 'US', city: 'San Francisco', weight: 4, ips: ['74.85.11.196', '162.15.89.80'] },
  { country: 'US', city: 'Los Angeles', weight: 3, ips: ['104.224.223.183', '162.244.13.50'] },
  { country: 'US', city: 'Chicago', weight: 2, ips: ['102.129.222.172', '168.206.237.186'] },
  { country: 'GB', city: 'London', weight: 4, ips: ['158.223.198.230', '70.33.253.104'] },
  { country: 'DE', city: 'Berlin', weight: 2, ips: ['83.135.247.246', '84.186.115.44'] },
  { country: 'DE', city: 'Frankfurt am Main', weight: 2, ips: ['18.194.202.202', '185.137.95.222'] },
  { country: 'JP', city: 'Tokyo', weight: 3, ips: ['103.140.137.16', '60.134.245.109'] },
  { country: 'SG', city: 'Singapore', weight: 3, ips: ['8.223.24.226', '159.138.116.34'] },
  { country: 'AU', city: 'Sydney', weight: 2, ips: ['23.101.216.4', '13.237.157.132'] },
  { country: 'FR', city: 'Paris', weight: 2, ips: ['92.222.154.182', '82.229.33.138'] },
  { country: 'BR', city: 'São Paulo', weight: 1, ips: ['191.165.238.68', '191.17.137.105'] },
  { country: 'IN', city: 'Mumbai', weight: 2, ips: ['103.219.167.64', '111.119.224.89'] },
  { country: 'TW', city: 'Taipei', weight: 2, ips: ['124.155.189.39', '180.176.31.11'] },
  { country: 'CA', city: 'Toronto', weight: 2, ips: ['159.203.31.122', '174.95.145.225'] },
  { country: 'KR', city: 'Seoul', weight: 2, ips: ['175.116.19.183', '14.138.13.240'] },];

export interface Agent {
  ua: string;
  weight: number;
}

export const USER_AGENTS: Agent[] = [
  { weight: 30, ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' },
  { weight: 10, ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0' },
  { weight: 8, ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15' },
  { weight: 5, ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0' },
  { weight: 18, ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' },
  { weight: 12, ua: 'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36' },
  { weight: 8, ua: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN' },
  { weight: 4, ua: 'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1' },
  { weight: 2, ua: 'Mozilla/5.0 (Linux; Android 13; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' },
];

export const BOT_AGENTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
];

export interface Source {
  weight: number;
  referrer: string;
  /** Query string added to the landing page (UTM tags, click ids). */
  query: string;
}

export const SOURCES: Source[] = [
  { weight: 22, referrer: '', query: '' },
  { weight: 16, referrer: 'https://www.baidu.com/s?wd=%E8%8C%B6%E5%85%B7', query: '' },
  { weight: 12, referrer: 'https://www.google.com/', query: '' },
  { weight: 4, referrer: 'https://www.bing.com/', query: '' },
  { weight: 6, referrer: 'https://www.zhihu.com/question/3051', query: '' },
  { weight: 5, referrer: 'https://weibo.com/', query: 'utm_source=weibo&utm_medium=social&utm_campaign=mid_autumn' },
  { weight: 7, referrer: 'https://www.baidu.com/', query: 'utm_source=baidu&utm_medium=cpc&utm_campaign=tea_set_search&bd_vid=8823991' },
  { weight: 5, referrer: 'https://www.google.com/', query: 'utm_source=google&utm_medium=cpc&utm_campaign=tea_set_search&gclid=Cj0KCQ' },
  { weight: 4, referrer: 'https://www.facebook.com/', query: 'utm_source=facebook&utm_medium=social&utm_campaign=spring_launch&fbclid=IwAR2' },
  { weight: 5, referrer: '', query: 'utm_source=newsletter&utm_medium=email&utm_campaign=weekly_digest' },
  { weight: 3, referrer: 'https://www.xiaohongshu.com/', query: 'utm_source=xiaohongshu&utm_medium=social&utm_campaign=mid_autumn' },
];

export const PAGES: { path: string; title: string; weight: number }[] = [
  { path: '/', title: 'Demo Tea Shop', weight: 20 },
  { path: '/products', title: 'Products', weight: 16 },
  { path: '/products/tea-set', title: 'Celadon Tea Set', weight: 10 },
  { path: '/products/oolong', title: 'Tieguanyin Oolong', weight: 9 },
  { path: '/products/kettle', title: 'Gooseneck Kettle', weight: 6 },
  { path: '/products/gift-box', title: 'Mid-Autumn Gift Box', weight: 7 },
  { path: '/pricing', title: 'Pricing', weight: 9 },
  { path: '/cart', title: 'Cart', weight: 5 },
  { path: '/checkout', title: 'Checkout', weight: 3 },
  { path: '/contact', title: 'Contact', weight: 4 },
  { path: '/blog/how-to-brew-oolong', title: 'How to brew oolong', weight: 6 },
  { path: '/blog/tea-gifts-guide', title: 'A guide to tea gifts', weight: 4 },
];

export const AGENTS = ['agent-li', 'agent-wang', 'agent-chen', 'agent-emma'];
export const RULES = ['rule-pricing-30s', 'rule-exit-intent', 'rule-returning'];

/** Relative traffic per local hour (0–23) and weekday (0 = Sunday). */
export const HOUR_WEIGHTS = [1, 0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 3, 5, 6, 6, 5, 5.5, 6, 6, 5.5, 5, 5, 6, 6.5, 6, 4, 2];
export const WEEKDAY_WEIGHTS = [0.75, 1.1, 1.1, 1.05, 1, 0.95, 0.7];
