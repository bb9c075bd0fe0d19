/** Every ClickHouse table the code touches, named once. Migrations create them. */
export const TABLES = {
  events: 'events',
  botEvents: 'bot_events',
  sites: 'sites',
  users: 'users',
  identities: 'identities',
  leads: 'leads',
  orders: 'orders',
  chatMessages: 'chat_messages',
  inviteRules: 'invite_rules',
  cannedReplies: 'canned_replies',
  authSessions: 'auth_sessions',
  migrations: 'schema_migrations',
} as const;
