// Row shapes as written with JSONEachRow; they mirror the migrations column for column.
// Times are epoch milliseconds (DateTime64(3) accepts them on insert).

export interface EventRow {
  site_id: string;
  ts: number;
  event_id: string;
  type: string;
  visitor_id: string;
  session_id: string;
  host: string;
  path: string;
  url: string;
  title: string;
  referrer: string;
  referrer_domain: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_term: string;
  utm_content: string;
  click_id_type: string;
  click_id: string;
  country: string;
  region: string;
  city: string;
  browser: string;
  browser_version: string;
  os: string;
  device: string;
  screen: string;
  language: string;
  name: string;
  props: Record<string, string>;
  engaged_ms: number;
  /** Engagement only: how far down the page was seen, 0–100 %. */
  scroll_pct: number;
  target: string;
  agent_id: string;
  rule_id: string;
  invitation_id: string;
  chat_id: string;
  lead_id: string;
  order_id: string;
  revenue: number;
  currency: string;
  /** Page views only: the page view's own source by name (server/sources/source-name.ts), set at insert with the two below. */
  source?: string;
  /** Page views only: the session's entry source and campaign, set at insert by server/ingest/session-entries.ts. */
  session_source?: string;
  session_campaign?: string;
}

/** An event row with every column empty but the ones given: for rows the server makes itself (chat, tests). */
export function blankEvent(
  over: Partial<EventRow> & Pick<EventRow, 'site_id' | 'ts' | 'type' | 'visitor_id' | 'session_id'>,
): EventRow {
  return {
    event_id: '00000000-0000-4000-8000-000000000000',
    host: 'shop.example',
    path: '/',
    url: '/',
    title: '',
    referrer: '',
    referrer_domain: '',
    utm_source: '',
    utm_medium: '',
    utm_campaign: '',
    utm_term: '',
    utm_content: '',
    click_id_type: '',
    click_id: '',
    country: '',
    region: '',
    city: '',
    browser: '',
    browser_version: '',
    os: '',
    device: '',
    screen: '1920x1080',
    language: 'zh-CN',
    name: '',
    props: {},
    engaged_ms: 0,
    scroll_pct: 0,
    target: '',
    agent_id: '',
    rule_id: '',
    invitation_id: '',
    chat_id: '',
    lead_id: '',
    order_id: '',
    revenue: 0,
    currency: '',
    ...over,
  };
}

export interface BotEventRow {
  site_id: string;
  ts: number;
  type: string;
  path: string;
  user_agent: string;
  reason: string;
  country: string;
}

export interface IdentityRow {
  site_id: string;
  visitor_id: string;
  person_id: string;
  name: string;
  email: string;
  phone: string;
  /**
   * The phone's matching key (server/contract/phone-key.ts), set where rows are stored
   * (`withPhoneKeys`); the column's default, the bare digits, covers rows written without.
   */
  phone_key?: string;
  updated_at: number;
}

/** An imported customer's details beyond their identity (migration 0022). */
export interface PersonProfileRow {
  site_id: string;
  person_id: string;
  external_id: string;
  tags: string;
  fields: Record<string, string>;
  imported_at: number;
  updated_at: number;
}

export interface OrderRow {
  site_id: string;
  order_id: string;
  visitor_id: string;
  person_id: string;
  email: string;
  phone: string;
  value: number;
  currency: string;
  status: string;
  origin: string;
  created_at: number;
  updated_at: number;
}

export interface SiteRow {
  site_id: string;
  name: string;
  domains: string[];
  time_zone: string;
  respect_dnt: number;
  api_secret: string;
  created_at: number;
  version: number;
  is_deleted: number;
}

export interface LeadRow {
  site_id: string;
  lead_id: string;
  visitor_id: string;
  person_id: string;
  source: string;
  status: string;
  owner_id: string;
  name: string;
  email: string;
  phone: string;
  /**
   * The phone's matching key (server/contract/phone-key.ts), set where rows are stored
   * (`withPhoneKeys`); the column's default, the bare digits, covers rows written without.
   */
  phone_key?: string;
  message: string;
  callback_at: string;
  notes: string;
  chat_id: string;
  first_referrer_domain: string;
  first_utm_source: string;
  first_utm_medium: string;
  first_utm_campaign: string;
  first_landing_path: string;
  last_referrer_domain: string;
  last_utm_source: string;
  last_utm_medium: string;
  last_utm_campaign: string;
  last_landing_path: string;
  country: string;
  created_at: number;
  updated_at: number;
}

/** A version of one callback request in the queue (migration 0026). */
export interface CallbackRow {
  site_id: string;
  callback_id: string;
  visitor_id: string;
  lead_id: string;
  name: string;
  phone: string;
  requested_at: number;
  preferred_at: number;
  due_at: number;
  state: 'open' | 'done';
  claimed_by: string;
  claimed_at: number;
  outcome: string;
  attempts: number;
  version: number;
  updated_at: number;
}

export interface ChatMessageRow {
  site_id: string;
  chat_id: string;
  message_id: string;
  seq: number;
  ts: number;
  sender: 'visitor' | 'agent' | 'system' | 'robot' | 'staff';
  agent_id: string;
  visitor_id: string;
  body: string;
  /** Robot messages: their RobotNote and the robot's name as JSON (migration 0018); staff messages: their kind and author's name. */
  meta?: string;
}

export interface WebhookEventRow {
  site_id: string;
  event_id: string;
  type: string;
  created_at: number;
  /** The exact bytes every receiver gets, so a redelivery sends the same body. */
  body: string;
}

export interface WebhookDeliveryRow {
  at: number;
  site_id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  status: string;
  response_code: number;
  error: string;
  duration_ms: number;
}
