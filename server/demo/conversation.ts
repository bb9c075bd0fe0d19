import type { ChatMessageRow, EventRow, LeadRow, OrderRow } from '../../clickhouse/rows.ts';
import { AGENTS, RULES } from './demo-world.ts';
import type { Random } from './random.ts';

export interface ConversationRows {
  events: EventRow[];
  leads: LeadRow[];
  orders: OrderRow[];
  chatMessages: ChatMessageRow[];
  identities: { site_id: string; visitor_id: string; person_id: string; name: string; email: string; phone: string; updated_at: number }[];
}

export interface Touch {
  referrer_domain: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  path: string;
}

const VISITOR_LINES = ['Hi, is the tea set in stock?', '这个茶具有现货吗？', 'Do you ship to Beijing?', 'Can I get a discount for 10 sets?', '可以开发票吗？'];
const AGENT_LINES = ['Hello! Yes, it ships today.', '您好，有现货，今天发货。', 'Sure — may I have your phone number?', 'We offer 10% for bulk orders.'];
const NAMES = ['Li Wei', 'Wang Fang', 'Zhang Min', 'Chen Jing', 'Emma Brown', 'Liu Yang', 'Sato Yuki', 'Lukas Becker'];
const PRICES = [399, 129, 259, 599, 99];

/**
 * The conversation side of one session — invitations, chats, leads, orders — written
 * directly as rows (the chat pipeline's own path does the same for live traffic).
 * `session` is the session's first stored page view; its dimensions are copied over.
 */
export function conversationFor(rnd: Random, session: EventRow, end: number, pages: number, firstTouch: Touch, out: ConversationRows): { chatted: boolean; lead: boolean; order: boolean } {
  const site = session.site_id;
  let t = session.ts + Math.min(30_000, Math.round((end - session.ts) / 2));
  const ev = (type: string, over: Partial<EventRow> = {}) => {
    t += rnd.int(2_000, 40_000);
    out.events.push({ ...session, event_id: crypto.randomUUID(), type, ts: t, title: '', referrer: '', referrer_domain: '', utm_source: '', utm_medium: '', utm_campaign: '', utm_term: '', utm_content: '', click_id_type: '', click_id: '', ...over });
  };
  let chat = '';
  let agent = '';
  let rule = '';
  let invitation = '';
  if (pages >= 2 && rnd.chance(0.14)) {
    invitation = rnd.id('inv');
    rule = rnd.chance(0.6) ? rnd.pick(RULES) : '';
    agent = rnd.pick(AGENTS);
    ev('invite_shown', { agent_id: agent, rule_id: rule, invitation_id: invitation });
    if (rnd.chance(0.3)) {
      ev('invite_accepted', { agent_id: agent, rule_id: rule, invitation_id: invitation });
      chat = rnd.id('chat');
    } else {
      ev('invite_dismissed', { agent_id: agent, rule_id: rule, invitation_id: invitation });
    }
  } else if (rnd.chance(0.03)) {
    chat = rnd.id('chat');
    agent = rnd.pick(AGENTS);
    ev('chat_requested', { chat_id: chat });
  }
  let lead = '';
  const ids = { agent_id: agent, rule_id: rule, invitation_id: invitation, chat_id: chat };
  if (chat) {
    ev('chat_started', ids);
    const messages = rnd.int(2, 8);
    for (let seq = 1; seq <= messages; seq++) {
      const fromVisitor = seq % 2 === 1;
      ev('chat_message', ids);
      out.chatMessages.push({ site_id: site, chat_id: chat, message_id: rnd.id('m'), seq, ts: t, sender: fromVisitor ? 'visitor' : 'agent', agent_id: fromVisitor ? '' : agent, visitor_id: session.visitor_id, body: rnd.pick(fromVisitor ? VISITOR_LINES : AGENT_LINES) });
    }
    ev('chat_ended', ids);
    if (rnd.chance(0.4)) ev('chat_rated', { ...ids, props: { rating: String(rnd.chance(0.8) ? rnd.int(4, 5) : rnd.int(1, 3)) } });
    if (rnd.chance(0.35)) lead = addLead(rnd, session, firstTouch, rnd.chance(0.5) ? 'prechat' : 'agent', chat, agent, ev, out);
  } else if (rnd.chance(0.012)) {
    ev('offline_message');
    lead = addLead(rnd, session, firstTouch, 'offline', '', '', ev, out);
  } else if (rnd.chance(0.006)) {
    ev('callback_request');
    lead = addLead(rnd, session, firstTouch, 'callback', '', '', ev, out);
  }
  const orderChance = chat ? 0.12 : pages >= 3 ? 0.018 : 0.002;
  const ordered = rnd.chance(orderChance);
  if (ordered) {
    const orderId = rnd.id('o');
    const value = rnd.pick(PRICES) * rnd.int(1, 3);
    const currency = session.country === 'CN' ? 'CNY' : 'USD';
    ev('order', { ...ids, lead_id: lead, order_id: orderId, revenue: value, currency, path: '/checkout', url: '/checkout' });
    out.orders.push({ site_id: site, order_id: orderId, visitor_id: session.visitor_id, person_id: session.visitor_id, email: '', phone: '', value, currency, status: 'paid', origin: 'snippet', created_at: t, updated_at: t });
  }
  return { chatted: chat !== '', lead: lead !== '', order: ordered };
}

function addLead(rnd: Random, session: EventRow, first: Touch, source: string, chat: string, agent: string, ev: (type: string, over?: Partial<EventRow>) => void, out: ConversationRows): string {
  const leadId = rnd.id('lead');
  const name = rnd.pick(NAMES);
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}.${leadId.slice(-4)}@example.com`;
  const phone = `+86 13${rnd.int(100000000, 999999999)}`;
  ev('lead_created', { chat_id: chat, agent_id: agent, lead_id: leadId });
  const at = out.events[out.events.length - 1]?.ts ?? session.ts;
  out.leads.push({
    site_id: session.site_id, lead_id: leadId, visitor_id: session.visitor_id, person_id: session.visitor_id, source, status: rnd.pick(['new', 'contacted', 'qualified', 'won', 'lost']),
    owner_id: agent, name, email, phone, message: source === 'offline' ? 'Please send me your catalogue.' : '', callback_at: source === 'callback' ? 'weekday 10:00-12:00' : '', notes: '', chat_id: chat,
    first_referrer_domain: first.referrer_domain, first_utm_source: first.utm_source, first_utm_medium: first.utm_medium, first_utm_campaign: first.utm_campaign, first_landing_path: first.path,
    last_referrer_domain: session.referrer_domain, last_utm_source: session.utm_source, last_utm_medium: session.utm_medium, last_utm_campaign: session.utm_campaign, last_landing_path: session.path,
    country: session.country, created_at: at, updated_at: at,
  });
  out.identities.push({ site_id: session.site_id, visitor_id: session.visitor_id, person_id: session.visitor_id, name, email, phone, updated_at: at });
  return leadId;
}
