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
  /** The SHA-256 of each visitor chat's resume token. */
  chatTokens: 'chat_tokens',
  inviteRules: 'invite_rules',
  cannedReplies: 'canned_replies',
  authSessions: 'auth_sessions',
  visitorQuarters: 'visitor_quarters',
  /** The materialized view that fills visitor_quarters from events. */
  visitorQuartersView: 'visitor_quarters_mv',
  /** Each agent active (a chat started, a message sent, a call answered) per site and UTC quarter hour (migration 0048). */
  agentQuarters: 'agent_quarters',
  /** The materialized view that fills agent_quarters from events. */
  agentQuartersView: 'agent_quarters_mv',
  /** What the conversion reports read, per site, UTC quarter hour and visitor (filled by conversion_quarters_mv). */
  conversionQuarters: 'conversion_quarters',
  /** The materialized view that fills conversion_quarters from events. */
  conversionQuartersView: 'conversion_quarters_mv',
  /** Erasures and other acts on people's data: who, when, which visitor ids (migration 0012). */
  auditLog: 'audit_log',
  /** Each user's chosen status, chats at once and whether they take chats (migration 0013). */
  agentSettings: 'agent_settings',
  /** Open API keys: hash, prefix, scopes, revocation (migration 0016). */
  apiKeys: 'api_keys',
  /** When each API key was last used (migration 0016). */
  apiKeyUses: 'api_key_uses',
  /** Each site's business hours and robot settings (migration 0018). */
  siteService: 'site_service',
  /** Imported customers' external id, tags and custom fields, per person (migration 0022). */
  personProfiles: 'person_profiles',
  /** Knowledge-base suggestions shown to and used by agents in the console (migration 0022). */
  suggestionEvents: 'suggestion_events',
  /** Knowledge-base articles, every version kept (migration 0017). */
  kbArticles: 'kb_articles',
  /** Each site's knowledge-base synonym groups, newest version wins (migration 0017). */
  kbSynonyms: 'kb_synonyms',
  /** Articles picked by agents or rated by visitors, for ranking (migration 0017). */
  kbArticleUses: 'kb_article_uses',
  /** Customer tags of a site (migration 0019). */
  tags: 'tags',
  /** Which visitor, lead or chat carries which tag, newest version wins (migration 0019). */
  tagAssignments: 'tag_assignments',
  /** Automatic tag rules (migration 0019). */
  tagRules: 'tag_rules',
  /** Per-site webhook subscriptions with their signing secret (migration 0021). */
  webhookSubscriptions: 'webhook_subscriptions',
  /** Each webhook event's body, for "redeliver" (30 days). */
  webhookEvents: 'webhook_events',
  /** One row per webhook delivery attempt: the delivery log (30 days). */
  webhookDeliveries: 'webhook_deliveries',
  /** Terms of what visitors write, one row per message, segmented when stored (migration 0020). */
  visitorTerms: 'visitor_terms',
  /** The callback queue: each request's state, a new version per claim or outcome (migration 0026). */
  callbacks: 'callbacks',
  /** Recorded web calls: whose call, bytes, duration; the audio is a file under the data dir (migration 0034). */
  callRecordings: 'call_recordings',
  /** The SMTP relay ('' row) and each site's mailbox and notification recipients (migration 0027). */
  mailSettings: 'mail_settings',
  /** Every email of an email conversation, by Message-ID, for threading (migration 0028). */
  emailMessages: 'email_messages',
  /** The last IMAP UID read per site mailbox (migration 0028). */
  mailboxCursors: 'mailbox_cursors',
  /** Per site, visitor and UTC quarter hour with a page view: its first time; retention reads it (migration 0042). */
  visitorViewQuarters: 'visitor_view_quarters',
  /** The materialized view that fills visitor_view_quarters from events. */
  visitorViewQuartersView: 'visitor_view_quarters_mv',
  /** Per site, UTC quarter hour, session, visitor, country and device with an event other than an order: page view count, first and last time, the page views themselves, the session's entry source and campaign (migrations 0045–0047). */
  sessionQuarters: 'session_quarters',
  /** The materialized view that fills session_quarters from events. */
  sessionQuartersView: 'session_quarters_mv',
  /** Every path a site's page views have, once: page patterns are tested against it (migration 0044). */
  sitePaths: 'site_paths',
  /** The materialized view that fills site_paths from events. */
  sitePathsView: 'site_paths_mv',
  /** A site's goals: page pattern or custom event, newest version wins (migration 0029). */
  goals: 'goals',
  /** A site's saved custom funnels, newest version wins (migration 0030). */
  funnels: 'funnels',
  /** Read-only share links of a site's analytics: token hash, optional password hash (migration 0031). */
  shareLinks: 'share_links',
  /** Channel API channels and WeChat Official Accounts of a site, newest version wins (migration 0036). */
  chatChannels: 'chat_channels',
  /** Each customer message a channel delivered, for idempotent retries (migration 0036). */
  channelMessages: 'channel_messages',
  /** Alerts of a site, one row per kind + site + hour (migration 0037). */
  alerts: 'alerts',
  /** Alerts a user marked read in the bell (migration 0038). */
  alertReads: 'alert_reads',
  /** A site's alert settings (`site:<id>`) and a user's alert mail and report choices (`user:<id>`) (migration 0039). */
  notifySettings: 'notify_settings',
  /** A site's agent groups and their members, newest version wins (migration 0040). */
  agentGroups: 'agent_groups',
  /** Per site and channel, the group new conversations go to (migration 0040). */
  channelRoutes: 'channel_routes',
  /** Files sent in chats and kept email attachments: who may read them and where the bytes are (migration 0041). */
  chatFiles: 'chat_files',
  migrations: 'schema_migrations',
} as const;
