import { ROBOT_AGENT_ID } from '../contract/service-settings.ts';
import type { RobotGuess, RobotNote } from '../contract/channels.ts';
import { handoverNote } from '../contract/robot-note.ts';
import type { ChatConversation } from './chat-conversation.ts';
import type { ChatQueue } from './chat-queue.ts';
import type { Chat, ChatDeps, ChatRooms, RobotKnowledge, VisitorLink } from './chat-rooms.ts';
import { asksForPerson } from './handover-phrases.ts';
import { robotText } from './robot-text.ts';

/** How many articles the robot weighs per question; the agent sees them all as its guesses. */
const GUESSES = 3;
/** Stored with an unanswered question for the report; longer ones are cut. */
const QUESTION_CHARS = 500;

/**
 * The robot's side of a chat it serves: each visitor message is searched in the knowledge
 * base; above the site's threshold it answers with the best article's answer, below it says
 * so and offers a person. Asking for a person (a button or a phrase) hands the chat over to
 * the queue with its transcript, or, when nobody can chat, offers the offline form.
 * A customer of another channel (API, WeChat) has no button and no form: they are told to
 * reply "human", a handover always queues them, and what the robot says goes out through
 * the channel as agents' replies do (`outbound`).
 */
export class ChatRobot {
  constructor(
    private readonly rooms: ChatRooms,
    private readonly queue: ChatQueue,
    private readonly conversation: ChatConversation,
    private readonly deps: Pick<ChatDeps, 'knowledge' | 'service' | 'outbound'>,
  ) {}

  private get knowledge(): RobotKnowledge | undefined {
    return this.deps.knowledge;
  }

  /** After the visitor's message `replyTo` in a chat the robot serves. */
  async reply(chat: Chat, link: VisitorLink, replyTo: string, question: string): Promise<void> {
    if (chat.summary.robot !== 'serving' || !this.knowledge) return;
    if (asksForPerson(question)) return this.handOver(chat, link);
    const siteId = chat.siteId;
    const threshold = this.deps.service?.(siteId).settings.robot.threshold ?? this.knowledge.defaultConfidence;
    const hits = this.knowledge.search(siteId, question, { limit: GUESSES, language: link.lang });
    const guesses: RobotGuess[] = hits.map((h) => ({
      articleId: h.articleId,
      question: h.question,
      confidence: h.confidence,
    }));
    const best = hits[0];
    const answered = best !== undefined && best.confidence >= threshold;
    const note: RobotNote = {
      kind: answered ? 'answer' : 'decline',
      articleId: answered ? best.articleId : '',
      confidence: best?.confidence ?? 0,
      selfServiceUrl: answered ? best.selfServiceUrl : '',
      guesses,
    };
    const declined =
      chat.summary.channel !== 'web'
        ? 'channelDecline'
        : this.rooms.agentsOnline(siteId)
          ? 'declineQueue'
          : 'declineOffline';
    const body = answered ? best.answer : robotText(link.lang, declined);
    await this.say(chat, `r_${replyTo}`.slice(0, 64), body, note);
    await this.rooms.recordFor(chat, {
      type: 'robot_answered',
      agentId: ROBOT_AGENT_ID,
      props: {
        kind: note.kind,
        article_id: note.articleId,
        confidence: note.confidence.toFixed(4),
        question: question.slice(0, QUESTION_CHARS),
      },
    });
  }

  /** "Talk to a person": queued with the transcript when someone can chat, else the offline form is offered. */
  async handOver(chat: Chat, link: VisitorLink): Promise<void> {
    if (chat.summary.robot !== 'serving') return;
    const site = this.rooms.site(chat.siteId);
    const online = this.rooms.agentsOnline(chat.siteId);
    // A channel's customer has no offline form: they wait in the queue, as a chat that arrives after hours does.
    const queued = online || chat.summary.channel !== 'web';
    const note = handoverNote(queued);
    await this.say(
      chat,
      `h_${chat.messages.length}_${chat.summary.chatId}`.slice(0, 64),
      robotText(link.lang, online ? 'handover' : queued ? 'channelQueued' : 'offline'),
      note,
    );
    // Nobody can chat: the robot stays with the visitor until the offline form is sent.
    if (queued) this.queue.handOver(site, chat);
    await this.rooms.recordFor(chat, {
      type: 'chat_handover',
      agentId: ROBOT_AGENT_ID,
      props: { outcome: queued ? 'queued' : 'offline' },
    });
  }

  /** An agent writes into a chat the robot serves: it is theirs from now on, counted as a handover. */
  takeOver(chat: Chat): Promise<void> {
    if (chat.summary.robot !== 'serving') return Promise.resolve();
    // Queued in the same turn as the agent's assignment follows: nobody else can take it between.
    chat.summary.status = 'queued';
    chat.summary.agentId = '';
    chat.summary.agentName = '';
    chat.summary.robot = 'handed_over';
    return this.rooms.recordFor(chat, {
      type: 'chat_handover',
      agentId: ROBOT_AGENT_ID,
      props: { outcome: 'queued', by: 'agent' },
    });
  }

  /** Helpful or not, once per robot answer of the visitor's own chat; the search learns from it. */
  async rate(chat: Chat, messageId: string, helpful: boolean): Promise<void> {
    const message = chat.byMessageId.get(messageId);
    if (message?.sender !== 'robot' || message.robot?.kind !== 'answer') return;
    const rated = (chat.rated ??= new Set());
    if (rated.has(messageId)) return;
    rated.add(messageId);
    const articleId = message.robot.articleId;
    this.knowledge?.noteUse(chat.siteId, articleId, helpful ? 'rated_up' : 'rated_down');
    await this.rooms.recordFor(chat, {
      type: 'robot_rated',
      agentId: ROBOT_AGENT_ID,
      props: { article_id: articleId, helpful: helpful ? '1' : '0', message_id: messageId },
    });
  }

  private async say(chat: Chat, messageId: string, body: string, robot: RobotNote): Promise<void> {
    await this.conversation.post(chat, {
      messageId,
      sender: 'robot',
      agentName: chat.summary.robot === 'serving' ? chat.summary.agentName : '',
      body,
      agentId: ROBOT_AGENT_ID,
      robot,
    });
    const sent = chat.byMessageId.get(messageId);
    if (chat.summary.channel !== 'web' && sent) this.deps.outbound?.(chat.siteId, chat.summary, sent);
  }
}
