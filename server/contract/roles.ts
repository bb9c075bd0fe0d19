export const ROLES = ['admin', 'manager', 'marketer', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Sites this user may open; admins may open every site. */
  siteIds: string[];
}

/** What each role may do. Screens and procedures ask for a capability, never for a role. */
const CAPABILITIES = {
  'admin:sites': ['admin'],
  'admin:users': ['admin'],
  'reports:read': ['admin', 'manager', 'marketer'],
  'visitors:read': ['admin', 'manager', 'marketer', 'agent'],
  'live:read': ['admin', 'manager', 'marketer', 'agent'],
  'chat:serve': ['admin', 'manager', 'agent'],
  /** Joining any open chat and whispering to its agent is supervising the team: not agents. */
  'chat:supervise': ['admin', 'manager'],
  /** Automatic invitation rules shape what every agent's day looks like: managers decide them. */
  'rules:manage': ['admin', 'manager'],
  /** The knowledge base is what the robot tells visitors and what agents are offered: managers own it. */
  'kb:manage': ['admin', 'manager'],
  // Working a lead (status, owner, notes) is sales follow-up: marketers qualify leads too,
  // even though they do not serve chats.
  'leads:write': ['admin', 'manager', 'marketer', 'agent'],
  /** Tags and their automatic rules shape every segment the team reports on: not agents. */
  'tags:manage': ['admin', 'manager', 'marketer'],
  /** Putting a tag on a visitor, lead or chat is everyday work: whoever sees them may. */
  'tags:assign': ['admin', 'manager', 'marketer', 'agent'],
  /** Importing a customer list writes people in bulk: marketing owns the list, admins the data. */
  'people:import': ['admin', 'marketer'],
  /** Calling visitors back is serving them by phone: whoever serves chats works the callback queue. */
  'callbacks:work': ['admin', 'manager', 'agent'],
  /** Listening to recorded calls is quality review, not everyday serving: managers and admins. */
  'calls:recordings': ['admin', 'manager'],
  /** Erasing a person removes their data from every table for good: admins only. */
  'privacy:erase': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(user: Pick<SessionUser, 'role'>, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly Role[]).includes(user.role);
}

/** What an agent socket may do in chats: serve them, and join or whisper in any of the site's. */
export function chatRights(user: Pick<SessionUser, 'role'>): { serves: boolean; supervises: boolean } {
  return { serves: can(user, 'chat:serve'), supervises: can(user, 'chat:supervise') };
}

export function canAccessSite(user: Pick<SessionUser, 'role' | 'siteIds'>, siteId: string): boolean {
  return user.role === 'admin' || user.siteIds.includes(siteId);
}

export function capabilitiesOf(user: Pick<SessionUser, 'role'>): Capability[] {
  return (Object.keys(CAPABILITIES) as Capability[]).filter((c) => can(user, c));
}
