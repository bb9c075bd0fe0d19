import enAgents from './messages/en/agents.json';
import enApi from './messages/en/api.json';
import enAssist from './messages/en/assist.json';
import enAuth from './messages/en/auth.json';
import enCanned from './messages/en/canned.json';
import enChat from './messages/en/chat.json';
import enConversion from './messages/en/conversion.json';
import enCustomers from './messages/en/customers.json';
import enRules from './messages/en/rules.json';
import enCommon from './messages/en/common.json';
import enGeo from './messages/en/geo.json';
import enKnowledge from './messages/en/knowledge.json';
import enLeads from './messages/en/leads.json';
import enLive from './messages/en/live.json';
import enOverview from './messages/en/overview.json';
import enSettings from './messages/en/settings.json';
import enStaffing from './messages/en/staffing.json';
import enRobot from './messages/en/robot.json';
import enCalls from './messages/en/calls.json';
import enVisitors from './messages/en/visitors.json';
import enTags from './messages/en/tags.json';
import enWebhooks from './messages/en/webhooks.json';
import enMail from './messages/en/mail.json';
import enChannels from './messages/en/channels.json';
import enHotWords from './messages/en/hot-words.json';
import enCallbacks from './messages/en/callbacks.json';
import enNotify from './messages/en/notify.json';
import enGoals from './messages/en/goals.json';
import enAnalytics from './messages/en/analytics.json';
import enJourneys from './messages/en/journeys.json';
import enBots from './messages/en/bots.json';
import enTeams from './messages/en/teams.json';
import zhAgents from './messages/zh/agents.json';
import zhApi from './messages/zh/api.json';
import zhAssist from './messages/zh/assist.json';
import zhAuth from './messages/zh/auth.json';
import zhCanned from './messages/zh/canned.json';
import zhChat from './messages/zh/chat.json';
import zhConversion from './messages/zh/conversion.json';
import zhCustomers from './messages/zh/customers.json';
import zhRules from './messages/zh/rules.json';
import zhCommon from './messages/zh/common.json';
import zhGeo from './messages/zh/geo.json';
import zhKnowledge from './messages/zh/knowledge.json';
import zhLeads from './messages/zh/leads.json';
import zhLive from './messages/zh/live.json';
import zhOverview from './messages/zh/overview.json';
import zhSettings from './messages/zh/settings.json';
import zhStaffing from './messages/zh/staffing.json';
import zhRobot from './messages/zh/robot.json';
import zhCalls from './messages/zh/calls.json';
import zhVisitors from './messages/zh/visitors.json';
import zhTags from './messages/zh/tags.json';
import zhWebhooks from './messages/zh/webhooks.json';
import zhMail from './messages/zh/mail.json';
import zhChannels from './messages/zh/channels.json';
import zhHotWords from './messages/zh/hot-words.json';
import zhCallbacks from './messages/zh/callbacks.json';
import zhNotify from './messages/zh/notify.json';
import zhGoals from './messages/zh/goals.json';
import zhAnalytics from './messages/zh/analytics.json';
import zhJourneys from './messages/zh/journeys.json';
import zhBots from './messages/zh/bots.json';
import zhTeams from './messages/zh/teams.json';

// One JSON file per screen and language, so screens can be translated independently.
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = 'lt_locale';

export const MESSAGES = {
  en: {
    common: enCommon,
    auth: enAuth,
    settings: enSettings,
    overview: enOverview,
    visitors: enVisitors,
    geo: enGeo,
    live: enLive,
    chat: enChat,
    canned: enCanned,
    leads: enLeads,
    rules: enRules,
    conversion: enConversion,
    customers: enCustomers,
    agents: enAgents,
    assist: enAssist,
    staffing: enStaffing,
    api: enApi,
    robot: enRobot,
    knowledge: enKnowledge,
    tags: enTags,
    webhooks: enWebhooks,
    mail: enMail,
    channels: enChannels,
    hotWords: enHotWords,
    callbacks: enCallbacks,
    notify: enNotify,
    calls: enCalls,
    goals: enGoals,
    analytics: enAnalytics,
    journeys: enJourneys,
    bots: enBots,
    teams: enTeams,
  },
  zh: {
    common: zhCommon,
    auth: zhAuth,
    settings: zhSettings,
    overview: zhOverview,
    visitors: zhVisitors,
    geo: zhGeo,
    live: zhLive,
    chat: zhChat,
    canned: zhCanned,
    leads: zhLeads,
    rules: zhRules,
    conversion: zhConversion,
    customers: zhCustomers,
    agents: zhAgents,
    assist: zhAssist,
    staffing: zhStaffing,
    api: zhApi,
    robot: zhRobot,
    knowledge: zhKnowledge,
    tags: zhTags,
    webhooks: zhWebhooks,
    mail: zhMail,
    channels: zhChannels,
    hotWords: zhHotWords,
    callbacks: zhCallbacks,
    notify: zhNotify,
    calls: zhCalls,
    goals: zhGoals,
    analytics: zhAnalytics,
    journeys: zhJourneys,
    bots: zhBots,
    teams: zhTeams,
  },
} as const;

export function pickLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (cookie === 'en' || cookie === 'zh') return cookie;
  return acceptLanguage?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
