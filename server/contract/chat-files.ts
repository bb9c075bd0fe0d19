import { z } from 'zod';

// Files in chat and the transcript by email: what the widget, the console and the server
// agree on. Files travel over HTTP (`/api/files`), never through the sockets; a message
// only names the file it carries.

/** A file a chat message carries. `type` is what the server sniffed from the bytes, never the sender's claim. */
export interface ChatFile {
  id: string;
  name: string;
  size: number;
  type: string;
}

/** The types anyone may send, by sniffed type. SVG and HTML are absent: they would run script when opened. */
export const FILE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
] as const;

/** Shown inline (thumbnail); everything else is a download chip and served as an attachment. */
export const INLINE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

export const FILE_ROUTE = '/api/files';

/** `f_` and 22 base64url characters (128 random bits): ids are not guessable. */
export const FILE_ID = /^f_[A-Za-z0-9_-]{22}$/;

/** Why an upload or a download was refused: the widget and the console translate these. */
export const FILE_REFUSALS = [
  'too_large',
  'type_not_allowed',
  'rate_limited',
  'no_chat',
  'not_allowed',
  'not_found',
  'bad_request',
  'not_online',
] as const;
export type FileRefusal = (typeof FILE_REFUSALS)[number];

/** Visitor → server, added to visitorToServer: "Email me this transcript" (checked by the server: bad → `invalid_email`). */
export const visitorTranscriptMessages = [
  z.strictObject({ type: z.literal('chat.transcript'), email: z.string().trim().max(254) }),
] as const;

/** Agent → server, added to agentToServer: mail the transcript to the address the visitor gave. */
export const agentTranscriptMessages = [
  z.strictObject({ type: z.literal('chat.transcript'), chatId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }),
] as const;

/** What the sender of a transcript request is told: queued (or queued before: the same mail), or why not. */
export type TranscriptResult =
  | { type: 'transcript.result'; ok: true }
  | { type: 'transcript.result'; ok: false; reason: 'invalid_email' | 'no_chat' | 'no_email' | 'mail_off' };

/** An address a transcript may go to: one mailbox, no display name, no list. */
export const transcriptAddress = z.email().max(254);

/** Agent-side variant carries the chat. */
export type AgentTranscriptResult = TranscriptResult & { chatId: string };
