import { z } from 'zod';
import { CHAT_CHANNELS } from './channels.ts';

/** Agent groups (teams) of a site: Sales, Support, 售前, 售后… */
export const GROUP_LIMITS = { name: 60, groupsPerSite: 50, membersPerGroup: 200 } as const;

export const groupId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const userId = z.string().min(1).max(64);

export const groupInput = z.strictObject({
  siteId: z.string().min(1).max(64),
  /** Absent: a new group. */
  groupId: groupId.optional(),
  name: z.string().trim().min(1).max(GROUP_LIMITS.name),
  members: z.array(userId).max(GROUP_LIMITS.membersPerGroup),
});
export type GroupInput = z.infer<typeof groupInput>;

export interface AgentGroup {
  groupId: string;
  name: string;
  members: string[];
}

/** Channels a site can route by default (the ones conversations arrive on). */
export const ROUTED_CHANNELS = CHAT_CHANNELS;

export const channelRouteInput = z.strictObject({
  siteId: z.string().min(1).max(64),
  channel: z.enum(ROUTED_CHANNELS),
  /** '' = the whole pool. */
  groupId: z.union([groupId, z.literal('')]),
});
export type ChannelRouteInput = z.infer<typeof channelRouteInput>;
