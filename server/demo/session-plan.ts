// What happens in one visit, decided up front: the pages, whether an agent invites the
// visitor (and why), whether the visitor asks for a chat, leaves a message or a callback
// number, and whether they buy. timeline.ts then lays it out in time.
import type { RobotWorld } from './demo-knowledge.ts';
import { writesChinese, type Contact } from './demo-people.ts';
import type { Source } from './demo-sources.ts';
import type { AgentShift } from './demo-world.ts';
import { appendCheckout, planPages, type PlannedPage } from './pages.ts';
import type { Random } from './random.ts';
import { agentsOnline } from './rhythm.ts';
import { planRobotChat, type RobotPlan } from './robot-chat.ts';

export interface Visitor {
  id: string;
  ip: string;
  ua: string;
  device: 'desktop' | 'mobile' | 'tablet';
  screen: string;
  language: string;
  country: string;
  /** Visits still to come after the current one. */
  returnsLeft: number;
  sessions: number;
  /** Attribution of the visitor's first session, copied onto their leads. */
  firstTouch: Touch | undefined;
  /** Left contact details before: known visitors buy more readily. */
  known: boolean;
  /** The details they leave, the same on every capture: a person does not change email between visits. */
  contact: Contact | undefined;
  /** Their one lead (a later capture joins it): a callback they ask for later belongs to it. */
  leadId?: string;
}

export interface Touch {
  referrer_domain: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  path: string;
}

export type InviteKind = 'pricing' | 'exit' | 'manual';

export interface Invitation {
  page: number;
  kind: InviteKind;
  agent: AgentShift;
  accepted: boolean;
}

export interface ChatPlan {
  agent: AgentShift;
  messages: number;
  /** A pre-chat form (visitor-requested chats) or the agent (during the chat) captures a lead. */
  lead: 'prechat' | 'agent' | '';
  rating: number;
}

export interface VisitPlan {
  pages: PlannedPage[];
  /** document.referrer of the landing page. */
  referrer: string;
  /** Page index of each optional happening, or -1. */
  exitIntent: number;
  outbound: number;
  newsletter: number;
  invitation: Invitation | undefined;
  /** The visitor opens the chat widget themselves on this page. */
  request: number;
  chat: ChatPlan | undefined;
  /** The visitor asks the robot on this page (a chat the robot serves first), or -1. */
  robot: number;
  robotChat: RobotPlan | undefined;
  /** Leave-a-message form (no agent online) or callback form, on this page. */
  offline: number;
  callback: number;
  /** Page index of the checkout when the visit ends in an order. */
  order: number;
}

function agentFor(rnd: Random, online: AgentShift[], country: string): AgentShift | undefined {
  const english = country !== 'CN' && country !== 'TW';
  const suited = online.filter((a) => a.english || !english);
  return suited.length > 0 ? rnd.pick(suited) : online.length > 0 ? rnd.pick(online) : undefined;
}

function chatPlan(rnd: Random, agent: AgentShift, requested: boolean): ChatPlan {
  const rating = rnd.chance(0.4) ? rnd.pick([5, 5, 5, 5, 5, 5, 4, 4, 4, 3, 2, 1]) : 0;
  const lead = requested && rnd.chance(0.55) ? 'prechat' : rnd.chance(0.3) ? 'agent' : '';
  return { agent, messages: 2 + Math.floor(rnd.exp(3)), lead, rating };
}

const indexOf = (pages: PlannedPage[], test: (p: PlannedPage) => boolean) => pages.findIndex(test);

export function planVisit(
  rnd: Random,
  visitor: Visitor,
  source: Source,
  landing: string,
  start: number,
  robot?: RobotWorld,
): VisitPlan {
  const pages = planPages(rnd, source, landing, visitor.device !== 'desktop');
  const last = pages.length - 1;
  const lastPath = pages[last]?.path ?? '/';
  const browsesContent = (p: PlannedPage) => p.path === '/' || p.path.startsWith('/blog/');
  const plan: VisitPlan = {
    pages,
    referrer: source.referrer,
    // The snippet sees exit intent only with a mouse: the pointer leaving through the top edge.
    exitIntent: visitor.device === 'desktop' && rnd.chance(0.35) ? last : -1,
    outbound: (lastPath === '/' || lastPath.startsWith('/blog/')) && rnd.chance(0.07) ? last : -1,
    newsletter: rnd.chance(0.012) ? indexOf(pages, browsesContent) : -1,
    invitation: undefined,
    request: -1,
    chat: undefined,
    robot: -1,
    robotChat: undefined,
    offline: -1,
    callback: -1,
    order: -1,
  };

  const online = agentsOnline(start);
  const agent = agentFor(rnd, online, visitor.country);
  if (agent) {
    const pricing = indexOf(pages, (p) => p.path === '/pricing' && p.stayMs >= 30_000);
    if (pricing >= 0 && rnd.chance(0.35))
      plan.invitation = { page: pricing, kind: 'pricing', agent, accepted: rnd.chance(0.24) };
    else if (plan.exitIntent >= 0 && rnd.chance(0.45))
      plan.invitation = { page: plan.exitIntent, kind: 'exit', agent, accepted: rnd.chance(0.12) };
    else if (pages.length >= 2 && rnd.chance(0.07))
      plan.invitation = { page: rnd.int(1, last), kind: 'manual', agent, accepted: rnd.chance(0.3) };
  }
  if (plan.invitation?.accepted) plan.chat = chatPlan(rnd, plan.invitation.agent, false);

  // Questions come up on the pages about money and contact, and from people who came back.
  const asking = indexOf(pages, (p) => p.path === '/pricing' || p.path === '/contact' || p.path === '/cart');
  const wantsToAsk = rnd.chance((asking >= 0 ? 0.035 : 0.01) * (visitor.sessions > 0 ? 1.5 : 1));
  if (!plan.chat && wantsToAsk) {
    const page = asking >= 0 ? asking : rnd.int(0, last);
    if (agent) {
      plan.request = page;
      plan.chat = chatPlan(rnd, agent, true);
    } else {
      plan.offline = page;
    }
  } else if (!plan.chat && rnd.chance(asking >= 0 ? 0.012 : 0.003)) {
    plan.callback = asking >= 0 ? asking : last;
  }

  // With a knowledge base, some visitors ask the robot (no draw without one: the rest of the history stays as it was).
  const asksRobot = robot !== undefined && rnd.chance((asking >= 0 ? 0.03 : 0.008) * (visitor.sessions > 0 ? 1.5 : 1));
  if (asksRobot && !plan.chat && plan.offline < 0 && plan.callback < 0) {
    plan.robot = asking >= 0 ? asking : rnd.int(0, last);
    plan.robotChat = planRobotChat(rnd, robot, writesChinese(visitor.country) ? 'zh' : 'en', agent);
  }

  const depth = pages.length;
  let buy = depth === 1 ? 0.002 : depth <= 3 ? 0.01 : 0.03;
  if (plan.chat) buy = Math.min(0.3, buy * 6 + 0.06);
  else if (plan.robotChat) buy = Math.min(0.2, buy * 3 + 0.03);
  if (visitor.sessions > 0) buy *= 1.4;
  if (visitor.known) buy *= 2;
  if (rnd.chance(buy)) {
    appendCheckout(rnd, pages);
    plan.order = pages.length - 1;
  }
  return plan;
}
