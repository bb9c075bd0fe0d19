// Lays a planned visit out in time: the events the snippet would send (pageview,
// engagement, exit_intent, outbound, custom, identify, order) and what the chat side
// records (invitations, chats, messages, leads). A page's stay stretches to cover a chat
// held on it, and no two consecutive events of a visit are 30 minutes apart.
import type { TrackedEvent } from '../ingest/payload.ts';
import { chatScript, contactFor, OFFLINE_MESSAGES, writesChinese, type Contact } from './demo-people.ts';
import { AGENTS, OUTBOUND, RULES } from './demo-world.ts';
import { productOf, type PlannedPage } from './pages.ts';
import type { Random } from './random.ts';
import { callbackSlot, callbackSlotStart } from './callback-slots.ts';
import type { ChatPlan, Visitor, VisitPlan } from './session-plan.ts';
import { layOutRobotChat, type ChatLayout } from './robot-chat.ts';

export interface ConversationEvent {
  type: string;
  ts: number;
  /** Index of the page the visitor was on. */
  page: number;
  agent_id: string;
  rule_id: string;
  invitation_id: string;
  chat_id: string;
  lead_id: string;
  props: Record<string, string>;
}

export interface PlannedMessage {
  chat_id: string;
  message_id: string;
  seq: number;
  ts: number;
  sender: 'visitor' | 'agent' | 'robot';
  agent_id: string;
  body: string;
  /** Robot messages: their note and the robot's name, as chat_messages.meta. */
  meta?: string;
}

export interface PlannedLead {
  lead_id: string;
  source: 'prechat' | 'agent' | 'offline' | 'callback';
  owner_id: string;
  contact: Contact;
  message: string;
  callback_at: string;
  chat_id: string;
  at: number;
}

export interface Timeline {
  tracked: TrackedEvent[];
  conversation: ConversationEvent[];
  messages: PlannedMessage[];
  lead: PlannedLead | undefined;
  chats: number;
  /** Time of the visit's last event. */
  end: number;
}

const RULE_OF = { pricing: RULES.pricing, exit: RULES.exitIntent, manual: '' } as const;

export function layOut(rnd: Random, visitor: Visitor, plan: VisitPlan, start: number): Timeline {
  return new Layout(rnd, visitor, plan, start).run();
}

// A class rather than closures: one is built per visit, millions of times, and closures
// cost an allocation (plus a name-keeping helper call under tsx) each.
class Layout implements ChatLayout {
  private readonly out: Timeline;
  private t: number;
  private page = 0;
  private url = '';
  /** Who serves the chat now (a person, or the robot). */
  agentId = '';
  private ruleId = '';
  private invitationId = '';
  private chatId = '';

  constructor(
    private readonly rnd: Random,
    private readonly visitor: Visitor,
    private readonly plan: VisitPlan,
    start: number,
  ) {
    this.t = start;
    this.out = { tracked: [], conversation: [], messages: [], lead: undefined, chats: 0, end: start };
  }

  run(): Timeline {
    const { rnd, plan, out } = this;
    for (this.page = 0; this.page < plan.pages.length; this.page++) {
      const page = this.page;
      const p = plan.pages[page] as PlannedPage;
      const prev = plan.pages[page - 1];
      const url = (this.url = p.url);
      const shown = this.t;
      out.tracked.push({ type: 'pageview', url, referrer: prev ? prev.url : plan.referrer, title: p.title, ts: shown });
      if (page === plan.newsletter)
        out.tracked.push({
          type: 'custom',
          url,
          name: 'newsletter_signup',
          props: { plan: 'weekly' },
          ts: this.after(5_000 + rnd.exp(20_000)),
        });

      const invite = plan.invitation?.page === page && plan.invitation.kind !== 'exit' ? plan.invitation : undefined;
      if (invite || page === plan.request || page === plan.robot || page === plan.offline || page === plan.callback) {
        // The pricing rule fires after 30 s on the page; people open forms after reading a little.
        this.after(invite?.kind === 'pricing' ? 30_000 : 8_000 + rnd.exp(30_000));
      }
      if (invite) this.invitation();
      if (page === plan.request && plan.chat) {
        // The visitor's own chat: an invitation they dismissed earlier in the visit did not open it.
        this.open(plan.chat.agent.id);
        this.chat(plan.chat, false);
      }
      if (page === plan.robot && plan.robotChat) layOutRobotChat(rnd, this, plan.robotChat, this.visitor.country);
      if (page === plan.offline || page === plan.callback) this.form(page === plan.offline);
      if (page === plan.order) this.order();

      const leaving = Math.max(shown + p.stayMs, this.t + 2_000 + Math.round(rnd.exp(8_000)));
      if (page === plan.exitIntent) {
        out.tracked.push({ type: 'exit_intent', url, ts: this.at(leaving - 1_500) });
        if (plan.invitation?.kind === 'exit' && plan.invitation.page === page) this.invitation();
      }
      if (plan.pages[page + 1]?.path === '/cart' && p.path.startsWith('/products/')) {
        out.tracked.push({
          type: 'custom',
          url,
          name: 'add_to_cart',
          props: { product: p.path.slice('/products/'.length) },
          ts: this.at(leaving - 800),
        });
      }
      if (page === plan.outbound)
        out.tracked.push({ type: 'outbound', url, href: rnd.pick(OUTBOUND), ts: this.at(leaving - 300) });
      const left = this.at(leaving);
      // Visible time only: for part of some stays the tab was in the background.
      const engagedMs = Math.round((left - shown) * (rnd.chance(0.7) ? 1 : 0.4 + rnd.next() * 0.6));
      // Longer stays read further down; no draw of its own, so the rest of the history stays as it was.
      const scrollPct = Math.min(100, 35 + Math.round((left - shown) / 900));
      out.tracked.push({ type: 'engagement', url, engagedMs, scrollPct, ts: left });
      out.end = left;
      this.after(300 + rnd.exp(900));
    }
    return out;
  }

  /** Moves the clock on; every event is at least 1 ms after the previous one, as the tracker's clock guarantees. */
  after(ms: number): number {
    return (this.t += Math.max(1, Math.round(ms)));
  }

  /** Moves the clock to `time`, or 1 ms on if that has passed. */
  private at(time: number): number {
    return (this.t = Math.max(this.t + 1, time));
  }

  conv(type: string, props: Record<string, string> = {}, leadId = ''): void {
    this.out.conversation.push({
      type,
      ts: this.t,
      page: this.page,
      agent_id: this.agentId,
      rule_id: this.ruleId,
      invitation_id: this.invitationId,
      chat_id: this.chatId,
      lead_id: leadId,
      props,
    });
  }

  open(agentId: string, invited = false): void {
    this.out.chats++;
    if (!invited) this.ruleId = this.invitationId = '';
    this.agentId = agentId;
    this.chatId = this.rnd.id('chat_');
  }

  say(sender: PlannedMessage['sender'], agentId: string, body: string, meta?: string, messageId?: string): string {
    const message_id = messageId ?? this.rnd.id('msg_');
    this.conv('chat_message', { sender });
    const seq = this.out.messages.filter((m) => m.chat_id === this.chatId).length + 1;
    const m: PlannedMessage = { chat_id: this.chatId, message_id, seq, ts: this.t, sender, agent_id: agentId, body };
    this.out.messages.push(meta ? { ...m, meta } : m);
    return message_id;
  }

  private invitation(): void {
    const { rnd, plan } = this;
    const inv = plan.invitation;
    if (!inv) return;
    this.agentId = inv.agent.id;
    this.ruleId = RULE_OF[inv.kind];
    this.invitationId = rnd.id('inv_');
    this.after(inv.kind === 'exit' ? 300 : 500);
    this.conv('invite_shown');
    this.after(2_000 + rnd.exp(inv.accepted ? 6_000 : 4_000));
    if (!inv.accepted || !plan.chat) {
      this.conv('invite_dismissed');
      return;
    }
    this.conv('invite_accepted');
    this.open(inv.agent.id, true);
    this.chat(plan.chat, true);
  }

  private chat(c: ChatPlan, agentOpens: boolean): void {
    const { rnd } = this;
    if (c.lead === 'prechat') this.lead('prechat', c.agent.id, this.chatId);
    // Like the chat service, every chat starts with a request that says who asked for it.
    if (agentOpens) {
      this.conv('chat_requested', { origin: 'invitation' });
      this.after(1_000 + rnd.next() * 2_000);
    } else {
      this.after(1_000);
      this.conv('chat_requested', { origin: 'visitor' });
      this.after(3_000 + rnd.exp(20_000)); // waiting in the queue until an agent picks it up
    }
    this.conv('chat_started');
    const lines = chatScript(rnd, this.visitor.country, agentOpens, c.messages);
    for (const line of lines) {
      this.after(line.from === 'visitor' ? 6_000 + rnd.exp(25_000) : 4_000 + rnd.exp(15_000));
      this.say(line.from, line.from === 'agent' ? c.agent.id : '', line.text);
    }
    if (c.lead === 'agent') this.lead('agent', c.agent.id, this.chatId);
    this.after(15_000 + rnd.exp(40_000));
    this.conv('chat_ended');
    if (c.rating > 0) {
      this.after(2_000 + rnd.exp(8_000));
      this.conv('chat_rated', { rating: String(c.rating) });
    }
  }

  /** Leave-a-message (no agent online) or callback form. */
  private form(offline: boolean): void {
    const { rnd } = this;
    // Forms, not chats: an invitation shown earlier in the visit is not part of them.
    this.agentId = this.ruleId = this.invitationId = this.chatId = '';
    const owner = rnd.chance(0.7) ? rnd.pick(AGENTS).id : '';
    // Someone who gave an email alone before leaves a message: a callback needs a number.
    if (offline || (this.visitor.contact && !this.visitor.contact.phone)) {
      this.conv('offline_message');
      this.lead('offline', owner, '', rnd.pick(OFFLINE_MESSAGES[writesChinese(this.visitor.country) ? 'zh' : 'en']));
    } else {
      // The slot is the widget's "preferred time": the queue row is due then.
      const asked = this.t;
      this.conv('callback_request', { at: callbackSlotStart(asked) });
      this.lead('callback', owner, '', '', asked);
    }
  }

  /**
   * The visitor's details arrive through the snippet (identify, which makes the identities
   * row a real capture makes), then the lead is recorded. A visitor gives the same details
   * every time, and a later capture joins their lead (server/leads/lead-dedup.ts) rather than
   * making another, so only their first capture makes a lead.
   */
  private lead(source: PlannedLead['source'], owner: string, chat: string, message = '', asked = this.t): void {
    const { rnd, out, visitor } = this;
    const again = visitor.contact !== undefined;
    const contact = (visitor.contact ??= contactFor(rnd, visitor.country, source === 'callback'));
    const identify: TrackedEvent = { type: 'identify', url: this.url, ts: this.after(800), name: contact.name };
    if (contact.email) identify.email = contact.email;
    if (contact.phone) identify.phone = contact.phone;
    out.tracked.push(identify);
    if (again) return;
    const leadId = rnd.id('lead_');
    this.after(300);
    this.conv('lead_created', {}, leadId);
    out.lead = {
      lead_id: leadId,
      source,
      owner_id: owner,
      contact,
      message,
      callback_at: source === 'callback' ? callbackSlot(asked) : '',
      chat_id: chat,
      at: this.t,
    };
  }

  private order(): void {
    const { rnd, plan } = this;
    const product = productOf(rnd, plan.pages);
    const quantity = rnd.pick([1, 1, 1, 1, 1, 1, 1, 2, 2, 3]);
    const cny = this.visitor.country === 'CN';
    const value = (cny ? product.cny : product.usd) * quantity;
    this.out.tracked.push({
      type: 'order',
      url: this.url,
      orderId: `DS${rnd.id('').toUpperCase()}`,
      value,
      currency: cny ? 'CNY' : 'USD',
      ts: this.after(40_000 + rnd.exp(60_000)),
    });
  }
}
