import type { IncomingMessage } from 'node:http';
import type { ClickHouseClient } from '@clickhouse/client';
import { readCookie } from '../auth/cookies.ts';
import { findSessionUser, SESSION_COOKIE } from '../auth/session-store.ts';
import { loadAgentSettings, type AgentSettings } from '../chat/agent-settings.ts';
import { CLOSE, type VisitorHello } from '../contract/channels.ts';
import { can, canAccessSite, type SessionUser } from '../contract/roles.ts';
import { isAllowedHost } from '../sites/allowed-host.ts';
import type { SiteCache } from '../sites/site-cache.ts';
import { hostOf } from './sockets.ts';

// Who may open which socket: the hub asks here before it keeps a connection.

export type AgentAdmitted = { siteId: string; token: string; user: SessionUser; settings: AgentSettings };
export type AgentVerdict = { status: 401 | 403 | 404 | 503 } | AgentAdmitted;

export function mayWatch(user: SessionUser, siteId: string): boolean {
  return can(user, 'live:read') && canAccessSite(user, siteId);
}

/** An agent socket needs a live session that may watch a known site; a store outage is 503, not 401. */
export async function authorizeAgent(
  deps: { ch: ClickHouseClient; sites: SiteCache },
  cookie: string | undefined,
  siteId: string,
): Promise<AgentVerdict> {
  const token = readCookie(cookie ?? null, SESSION_COOKIE);
  let user: SessionUser | null;
  try {
    user = token ? await findSessionUser(deps.ch, token) : null;
  } catch (error) {
    console.error('live: session lookup failed', error);
    return { status: 503 };
  }
  if (!user || !token) return { status: 401 };
  if (!mayWatch(user, siteId)) return { status: 403 };
  if (!deps.sites.get(siteId)) return { status: 404 };
  let settings: AgentSettings;
  try {
    settings = await loadAgentSettings(deps.ch, user.id, user.role);
  } catch (error) {
    console.error('live: agent settings lookup failed', error);
    return { status: 503 };
  }
  return { siteId, token, user, settings };
}

/** Whether an open agent socket may stay (sign-out, lost access); null while the store is down. */
export async function stillAdmitted(ch: ClickHouseClient, token: string, siteId: string): Promise<boolean | null> {
  try {
    const user = await findSessionUser(ch, token);
    return user !== null && mayWatch(user, siteId);
  } catch {
    return null;
  }
}

/** The same gate as ingest: a known site, its own pages, Do Not Track honoured where the site asks. */
export function refuseHello(
  sites: SiteCache,
  hello: VisitorHello,
  req: Pick<IncomingMessage, 'headers'>,
): (typeof CLOSE)[keyof typeof CLOSE] | null {
  const site = sites.get(hello.site);
  if (!site) return CLOSE.unknownSite;
  if (site.respectDnt && req.headers['dnt'] === '1') return CLOSE.doNotTrack;
  const origin = req.headers.origin;
  if (origin && !isAllowedHost(site, hostOf(origin))) return CLOSE.notAllowed;
  if (!isAllowedHost(site, hostOf(hello.url))) return CLOSE.pageNotAllowed;
  return null;
}
