import type { Capability } from '@/server/contract/roles';

/**
 * Every screen of a site, in menu order, with the capability that opens it. The menu and
 * the "not available for your role" page both read this map, so a link the menu would not
 * offer never reaches a page whose queries the server refuses.
 */
export const SITE_SCREENS = {
  overview: 'reports:read',
  pages: 'reports:read',
  retention: 'reports:read',
  journeys: 'reports:read',
  conversion: 'reports:read',
  events: 'reports:read',
  goals: 'reports:read',
  funnels: 'reports:read',
  agents: 'reports:read',
  live: 'live:read',
  chats: 'chat:serve',
  'chat-history': 'chat:serve',
  callbacks: 'callbacks:work',
  rules: 'rules:manage',
  visitors: 'visitors:read',
  leads: 'visitors:read',
  import: 'people:import',
  geo: 'reports:read',
  staffing: 'reports:read',
  robot: 'reports:read',
  'hot-words': 'reports:read',
  bots: 'reports:read',
  knowledge: 'kb:manage',
  tags: 'tags:manage',
} as const satisfies Record<string, Capability>;

export type SiteScreen = keyof typeof SITE_SCREENS;

/** Each screen's name under `common.nav`. */
export const SCREEN_LABEL = {
  overview: 'overview',
  pages: 'pages',
  retention: 'retention',
  journeys: 'journeys',
  conversion: 'conversion',
  events: 'events',
  goals: 'goals',
  funnels: 'funnels',
  agents: 'agents',
  live: 'live',
  chats: 'chats',
  'chat-history': 'chatHistory',
  callbacks: 'callbacks',
  rules: 'rules',
  visitors: 'visitors',
  leads: 'leads',
  import: 'import',
  geo: 'geo',
  staffing: 'staffing',
  robot: 'robot',
  'hot-words': 'hotWords',
  bots: 'bots',
  knowledge: 'knowledge',
  tags: 'tags',
} as const satisfies Record<SiteScreen, string>;

/** The menu's sections, in menu order; screens keep their SITE_SCREENS order inside one. */
export const SCREEN_GROUPS = ['analytics', 'engagement', 'customers', 'team'] as const;
export type ScreenGroup = (typeof SCREEN_GROUPS)[number];

/** Where each screen sits in the menu, named under `common.nav.group`. */
export const SCREEN_GROUP = {
  overview: 'analytics',
  pages: 'analytics',
  retention: 'analytics',
  journeys: 'analytics',
  conversion: 'analytics',
  events: 'analytics',
  goals: 'analytics',
  funnels: 'analytics',
  geo: 'analytics',
  'hot-words': 'analytics',
  bots: 'analytics',
  live: 'engagement',
  chats: 'engagement',
  callbacks: 'engagement',
  'chat-history': 'engagement',
  rules: 'engagement',
  robot: 'engagement',
  knowledge: 'engagement',
  visitors: 'customers',
  leads: 'customers',
  tags: 'customers',
  import: 'customers',
  agents: 'team',
  staffing: 'team',
} as const satisfies Record<SiteScreen, ScreenGroup>;

/** Pages outside a site that need more than a session. */
const SETTINGS_PAGES: Record<string, Capability> = {
  sites: 'admin:sites',
  users: 'admin:users',
  groups: 'admin:users',
  api: 'admin:sites',
  mail: 'admin:sites',
  channels: 'admin:sites',
  /** Managers set their sites' alert thresholds too (from their Account page). */
  alerts: 'rules:manage',
};

/** The screens given, in menu sections; empty sections are left out. */
export function groupedScreens(screens: readonly SiteScreen[]): [ScreenGroup, SiteScreen[]][] {
  return SCREEN_GROUPS.map((g): [ScreenGroup, SiteScreen[]] => [
    g,
    screens.filter((s) => SCREEN_GROUP[s] === g),
  ]).filter(([, keys]) => keys.length > 0);
}

export function screensFor(caps: ReadonlySet<string>): SiteScreen[] {
  return (Object.keys(SITE_SCREENS) as SiteScreen[]).filter((s) => caps.has(SITE_SCREENS[s]));
}

/** The screen of a site path (`/s/<site>/<screen>/…`), or '' elsewhere. */
export function screenOf(pathname: string): string {
  return pathname.startsWith('/s/') ? (pathname.split('/')[3] ?? '') : '';
}

/** Whether this role may open the page at `pathname`; unknown paths are left to the page. */
export function mayOpen(pathname: string, caps: ReadonlySet<string>): boolean {
  const screen = screenOf(pathname);
  if (screen in SITE_SCREENS) return caps.has(SITE_SCREENS[screen as SiteScreen]);
  const parts = pathname.split('/');
  const settings = parts[1] === 'settings' ? SETTINGS_PAGES[parts[2] ?? ''] : undefined;
  return settings ? caps.has(settings) : true;
}
