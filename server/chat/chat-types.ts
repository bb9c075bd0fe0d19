// The shapes the chat rooms hold and what they are built with; chat-rooms.ts re-exports them.
import type { ClickHouseClient } from '@clickhouse/client';
import type { EventRow, IdentityRow } from '../../clickhouse/rows.ts';
import type {
  AgentPresence,
  ChatMessage,
  ChatSummary,
  ServerToAgent,
  ServerToVisitor,
  VisitorToServer,
} from '../contract/channels.ts';
import type { LiveVisitor } from '../contract/live-visitor.ts';
import type { ServiceSettings } from '../contract/service-settings.ts';
import type { AgentSettings } from './agent-settings.ts';
import type { AgentTimings } from './agent-people.ts';
import type { IceServer } from '../contract/calls.ts';
import type { TranscriptRequest } from './chat-attachments.ts';

export interface AgentLink {
  userId: string;
  name: string;
  siteId: string;
  /** May take chats (chat:serve); others only watch the Live screen. */
  serves: boolean;
  /** May join any chat and whisper to its agent (chat:supervise). */
  supervises?: boolean;
  /** The user's stored presence (or their role's defaults), read as the socket opened. */
  settings: AgentSettings;
  send(message: ServerToAgent): void;
}

export interface VisitorLink {
  siteId: string;
  visitorId: string;
  sessionId: string;
  /** The chat token this page showed (hello, chat.sync) or was given; '' for none. */
  chatToken: string;
  /** The widget's language (hello); the robot speaks it. */
  lang?: 'en' | 'zh';
  send(message: ServerToVisitor): void;
}

export interface ChatDeps {
  ch: ClickHouseClient;
  /** Writes chat steps to `events` (and a lead's contact to `identities`) through ingest's journal; resolves once they survive kill -9. */
  writeEvents(rows: EventRow[], identities?: IdentityRow[]): Promise<void>;
  /** The visitor as the Live screen knows them, for attributing chat steps. */
  visit(siteId: string, visitorId: string): LiveVisitor | null;
  /** Where chat requests and offline messages wait, with their leads, until they are stored. */
  journalDir: string;
  /** The site's business hours, robot settings and time zone; absent: always open, no robot. */
  service?(siteId: string): { settings: ServiceSettings; timeZone: string };
  /** The knowledge search the robot answers from; absent: no robot. */
  knowledge?: RobotKnowledge;
  now?: () => number;
  timings?: Partial<AgentTimings>;
  /** Web calls: ICE servers for both peers (env), and a ring time overriding the sites' (tests). */
  calls?: { iceServers: IceServer[]; ringMs?: number };
  /** An agent wrote in a chat of another channel than the web (email…): the channel sends it. */
  outbound?(siteId: string, chat: ChatSummary, message: ChatMessage): void;
  /** Queues a chat's transcript by mail (server/mail/); false when mail cannot be sent from this install. */
  transcript?(request: TranscriptRequest): Promise<boolean>;
  /** A visitor left an offline message or asked for a callback (journaled already): the team is told by mail. */
  captured?(
    siteId: string,
    visitorId: string,
    capture: Extract<VisitorToServer, { type: 'offline.message' | 'callback.request' }>,
  ): void;
}

/** What the robot needs of the knowledge search (server/kb/kb-search.ts, kbIndex()). */
export interface RobotKnowledge {
  search(
    siteId: string,
    query: string,
    opts?: { limit?: number; language?: string },
  ): {
    articleId: string;
    question: string;
    answer: string;
    selfServiceUrl: string;
    confidence: number;
  }[];
  noteUse(siteId: string, articleId: string, kind: 'picked' | 'rated_up' | 'rated_down'): void;
  /** The threshold a site that set none uses (DEFAULT_ROBOT_CONFIDENCE). */
  defaultConfidence: number;
}

export interface Chat {
  siteId: string;
  summary: ChatSummary;
  messages: ChatMessage[];
  byMessageId: Map<string, ChatMessage>;
  /** Messages are stored and delivered one at a time per chat, so seq order is delivery order. */
  tail: Promise<void>;
  /** SHA-256 of the token the chat was started with; null for a chat restored without one (nobody resumes it). */
  tokenHash: Buffer | null;
  /** Robot answers the visitor rated already (once each). */
  rated?: Set<string>;
  /** Handed to another person or group after it started: its next taker is an assignment. */
  transferred?: boolean;
}

export interface Agent {
  presence: AgentPresence;
  links: Set<AgentLink>;
  /** Pending since the last tab closed: the agent goes offline when it fires. */
  leaving?: NodeJS.Timeout;
}

export interface Invitation {
  invitationId: string;
  agentId: string;
  agentName: string;
  message: string;
  ruleId: string;
  /** A rule's group: the chat is routed to it (else the channel's default route). */
  groupId?: string;
}

export interface Site {
  chats: Map<string, Chat>;
  /** The visitor's current chat (open, queued, or closed and not yet rated). */
  byVisitor: Map<string, Chat>;
  agents: Map<string, Agent>;
  visitors: Map<string, Set<VisitorLink>>;
  invitations: Map<string, Invitation>;
  /** What visitors were last told of availability, so they hear only of a change. */
  announced?: string;
}
