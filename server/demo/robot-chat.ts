// Chats the robot served in the demo history, planned and then laid out with the same
// events, props and messages the live robot writes (server/chat/chat-robot.ts): a
// chat_started with robot '1', each question searched and answered from an article or
// declined, ratings of answers, a handover to a person or the offline form, and the end.
import { robotMeta } from '../chat/chat-store.ts';
import { robotText } from '../chat/robot-text.ts';
import type { KbLanguage } from '../contract/kb.ts';
import { handoverNote, type RobotNote } from '../contract/robot-note.ts';
import { ROBOT_AGENT_ID } from '../contract/service-settings.ts';
import { chatScript } from './demo-people.ts';
import type { RobotArticle, RobotWorld } from './demo-knowledge.ts';
import type { AgentShift } from './demo-world.ts';
import type { Random } from './random.ts';

/** The robot's name in a site's settings nobody changed (DEFAULT_SERVICE_SETTINGS). */
const ROBOT_NAME = 'Robot';

export interface RobotTurn {
  question: string;
  /** The article answered with; undefined: the robot declined. */
  article: RobotArticle | undefined;
  /** The visitor's rating of the answer, if they gave one. */
  helpful: boolean | undefined;
}

export interface RobotPlan {
  lang: KbLanguage;
  turns: RobotTurn[];
  /** Asked for a person: who took the chat, or 'offline' when nobody could chat. */
  handover: AgentShift | 'offline' | undefined;
  /** Someone could chat while the robot served (its decline offers a person, not the form). */
  agentsOnline: boolean;
  /** The visitor's rating of the person's part (0: none). */
  rating: number;
}

/**
 * Six in ten get their answers, a quarter ask for a person (after a decline or an answer
 * that did not help), the rest leave after a decline. Unanswered questions come from a short
 * list, so the same few recur.
 */
export function planRobotChat(
  rnd: Random,
  world: RobotWorld,
  lang: KbLanguage,
  agent: AgentShift | undefined,
): RobotPlan {
  const articles = world.articles[lang];
  const answered = (helpfulShare: number): RobotTurn => {
    const article = rnd.pick(articles);
    const helpful = rnd.chance(0.45) ? rnd.chance(helpfulShare) : undefined;
    return { question: rnd.pick(article.asks), article, helpful };
  };
  const declined = (): RobotTurn => ({
    question: rnd.pick(world.unanswered[lang]),
    article: undefined,
    helpful: undefined,
  });
  const u = rnd.next();
  const turns: RobotTurn[] = [];
  let handover: RobotPlan['handover'];
  if (u < 0.6) {
    if (rnd.chance(0.1)) turns.push(declined());
    turns.push(answered(0.9));
    if (rnd.chance(0.3)) turns.push(answered(0.9));
  } else if (u < 0.85) {
    turns.push(rnd.chance(0.6) ? declined() : answered(0));
    handover = agent ?? 'offline';
  } else {
    turns.push(declined());
  }
  const rating = handover && handover !== 'offline' && rnd.chance(0.4) ? rnd.pick([5, 5, 5, 4, 4, 3]) : 0;
  return { lang, turns, handover, agentsOnline: agent !== undefined, rating };
}

/** What the robot's chat needs of the visit's layout: its clock, its events and its messages. */
export interface ChatLayout {
  /** Moves the clock on by at least 1 ms; returns the new time. */
  after(ms: number): number;
  /** Who serves the chat now: events carry it. */
  agentId: string;
  /** A new chat, served by `agentId`; invitation and rule cleared. */
  open(agentId: string): void;
  conv(type: string, props?: Record<string, string>): void;
  /** Stores a message (and its chat_message event); returns its id. */
  say(sender: 'visitor' | 'agent' | 'robot', agentId: string, body: string, meta?: string, messageId?: string): string;
}

export function layOutRobotChat(rnd: Random, c: ChatLayout, plan: RobotPlan, country: string): void {
  const { lang } = plan;
  c.open(ROBOT_AGENT_ID);
  c.after(1_000);
  c.conv('chat_requested', { origin: 'visitor' });
  c.conv('chat_started', { agent_name: ROBOT_NAME, origin: 'visitor', robot: '1' });
  for (const turn of plan.turns) {
    c.after(5_000 + rnd.exp(15_000));
    const asked = c.say('visitor', '', turn.question);
    c.after(400 + rnd.exp(600));
    const a = turn.article;
    const confidence = a ? 0.55 + rnd.next() * 0.4 : rnd.next() * 0.45;
    const note: RobotNote = {
      kind: a ? 'answer' : 'decline',
      articleId: a?.id ?? '',
      confidence,
      selfServiceUrl: a?.selfServiceUrl ?? '',
      guesses: a ? [{ articleId: a.id, question: a.question, confidence }] : [],
    };
    const body = a ? a.answer : robotText(lang, plan.agentsOnline ? 'declineQueue' : 'declineOffline');
    const answer = c.say('robot', ROBOT_AGENT_ID, body, robotMeta(note, ROBOT_NAME), `r_${asked}`.slice(0, 64));
    c.conv('robot_answered', {
      kind: note.kind,
      article_id: note.articleId,
      confidence: confidence.toFixed(4),
      question: turn.question,
    });
    if (a && turn.helpful !== undefined) {
      c.after(3_000 + rnd.exp(8_000));
      c.conv('robot_rated', { article_id: a.id, helpful: turn.helpful ? '1' : '0', message_id: answer });
    }
  }
  const to = plan.handover;
  if (to) {
    const queued = to !== 'offline';
    c.after(3_000 + rnd.exp(8_000));
    const note = handoverNote(queued);
    c.say('robot', ROBOT_AGENT_ID, robotText(lang, queued ? 'handover' : 'offline'), robotMeta(note, ROBOT_NAME));
    c.conv('chat_handover', { outcome: queued ? 'queued' : 'offline' });
    if (queued) {
      c.after(3_000 + rnd.exp(20_000)); // in the queue with the transcript until the agent takes it
      c.agentId = to.id;
      c.conv('chat_started', { agent_name: to.name, origin: 'visitor' });
      for (const line of chatScript(rnd, country, true, 2 + Math.floor(rnd.exp(2)))) {
        c.after(line.from === 'visitor' ? 6_000 + rnd.exp(25_000) : 4_000 + rnd.exp(15_000));
        c.say(line.from, line.from === 'agent' ? to.id : '', line.text);
      }
    }
  }
  c.after(15_000 + rnd.exp(40_000));
  c.conv('chat_ended');
  if (plan.rating > 0) {
    c.after(2_000 + rnd.exp(8_000));
    c.conv('chat_rated', { rating: String(plan.rating) });
  }
}
