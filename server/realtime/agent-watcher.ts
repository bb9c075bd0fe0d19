import type { ServerToAgent } from '../contract/channels.ts';
import type { SessionUser } from '../contract/roles.ts';

/**
 * Something every agent tab hears from on connect and afterwards (overdue callbacks, the
 * notification bell). `connected` returns how to leave, or nothing when the user's role
 * hears nothing from it.
 */
export interface AgentWatcher {
  connected(siteId: string, user: SessionUser, send: (message: ServerToAgent) => void): (() => void) | undefined;
}
