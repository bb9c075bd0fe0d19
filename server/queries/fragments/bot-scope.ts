import type { ReportFilters } from '../../contract/report-input.ts';
import { SITE_AND_TIME } from './report-scope.ts';

// Ingest keeps only isbot's match as a bot row's `reason`, and that is a poor name ("Google",
// "Bot", a whole user agent), with no category at all. Both are derived here from the stored
// user agent: the first known token found names the bot; a UA with none is named by its own
// "…bot/…crawler/…spider" word or its product token (curl/8.4 → curl).
const KNOWN_BOTS: readonly [needle: string, name: string, category: BotCategory][] = [
  ['googlebot', 'Googlebot', 'search'],
  ['adsbot-google', 'AdsBot-Google', 'search'],
  ['google-inspectiontool', 'Google-InspectionTool', 'search'],
  ['bingbot', 'Bingbot', 'search'],
  ['baiduspider', 'Baiduspider', 'search'],
  ['yandexbot', 'YandexBot', 'search'],
  ['duckduckbot', 'DuckDuckBot', 'search'],
  ['sogou', 'Sogou', 'search'],
  ['360spider', '360Spider', 'search'],
  ['applebot', 'Applebot', 'search'],
  ['yahoo! slurp', 'Yahoo Slurp', 'search'],
  ['petalbot', 'PetalBot', 'search'],
  ['facebookexternalhit', 'Facebook', 'social'],
  ['twitterbot', 'Twitterbot', 'social'],
  ['linkedinbot', 'LinkedInBot', 'social'],
  ['slackbot', 'Slackbot', 'social'],
  ['discordbot', 'Discordbot', 'social'],
  ['telegrambot', 'TelegramBot', 'social'],
  ['whatsapp', 'WhatsApp', 'social'],
  ['gptbot', 'GPTBot', 'ai'],
  ['chatgpt-user', 'ChatGPT-User', 'ai'],
  ['oai-searchbot', 'OAI-SearchBot', 'ai'],
  ['claudebot', 'ClaudeBot', 'ai'],
  ['anthropic-ai', 'anthropic-ai', 'ai'],
  ['perplexitybot', 'PerplexityBot', 'ai'],
  ['ccbot', 'CCBot', 'ai'],
  ['bytespider', 'Bytespider', 'ai'],
  ['ahrefsbot', 'AhrefsBot', 'seo'],
  ['semrushbot', 'SemrushBot', 'seo'],
  ['mj12bot', 'MJ12bot', 'seo'],
  ['dotbot', 'DotBot', 'seo'],
  ['uptimerobot', 'UptimeRobot', 'monitor'],
  ['pingdom', 'Pingdom', 'monitor'],
  ['statuscake', 'StatusCake', 'monitor'],
  ['site24x7', 'Site24x7', 'monitor'],
  ['headlesschrome', 'HeadlessChrome', 'tool'],
  ['phantomjs', 'PhantomJS', 'tool'],
  ['python-requests', 'python-requests', 'tool'],
  ['python-urllib', 'Python-urllib', 'tool'],
  ['go-http-client', 'Go-http-client', 'tool'],
  ['okhttp', 'okhttp', 'tool'],
  ['axios', 'axios', 'tool'],
  ['node-fetch', 'node-fetch', 'tool'],
  ['scrapy', 'Scrapy', 'tool'],
  ['wget', 'Wget', 'tool'],
  ['curl', 'curl', 'tool'],
];

export const BOT_CATEGORIES = ['search', 'social', 'ai', 'seo', 'monitor', 'tool', 'crawler', 'other'] as const;
export type BotCategory = (typeof BOT_CATEGORIES)[number];

const KNOWN = `multiSearchFirstIndexCaseInsensitive(user_agent, {botNeedles:Array(String)})`;
const OWN_WORD = `extract(user_agent, '(?i)([a-z][a-z0-9_.-]*(?:bot|crawler|spider))')`;
const PRODUCT = `extract(user_agent, '^([^/ ;()]+)')`;

/** A bot row's name. */
export const BOT_NAME = `if(${KNOWN} > 0, arrayElement({botNames:Array(String)}, ${KNOWN}),
  coalesce(nullIf(${OWN_WORD}, ''), nullIf(${PRODUCT}, ''), 'unknown'))`;

/** A bot row's category (one of BOT_CATEGORIES): a known bot's, else crawler for a "…bot" word. */
export const BOT_CATEGORY = `if(${KNOWN} > 0, arrayElement({botCategories:Array(String)}, ${KNOWN}),
  if(${OWN_WORD} != '', 'crawler', 'other'))`;

export interface BotScope {
  /** Site, window and country for bot_events; fits events too (both have these columns). */
  where: string;
  params: Record<string, string | number | string[]>;
}

/**
 * Bot rows have no sessions, sources or tags: of the page-wide filters only the country
 * applies, to the bot rows and to the human page views they are compared with alike.
 */
export function botScope(siteId: string, from: number, to: number, filters: ReportFilters): BotScope {
  const params: BotScope['params'] = {
    siteId,
    from,
    to,
    botNeedles: KNOWN_BOTS.map((b) => b[0]),
    botNames: KNOWN_BOTS.map((b) => b[1]),
    botCategories: KNOWN_BOTS.map((b) => b[2]),
  };
  if (!filters.country) return { where: SITE_AND_TIME, params };
  return {
    where: `${SITE_AND_TIME} AND country = {fCountry:String}`,
    params: { ...params, fCountry: filters.country },
  };
}
