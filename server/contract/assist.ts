import { z } from 'zod';

// Agent assist: knowledge-base articles suggested to an agent while the visitor types and
// after each visitor message, and what the agent did with them.

/** How many articles the console shows (Alt+1 … Alt+3). */
export const SUGGESTION_LIMIT = 3;
/** Characters of the answer shown under the question. */
export const SUGGESTION_PREVIEW_CHARS = 140;

const chatId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const articleId = z.string().regex(/^kb_[A-Za-z0-9]{1,32}$/);

export const suggestInput = z.object({
  chatId,
  /** The visitor's draft, or their last message. */
  text: z.string().max(2000),
});

export const SUGGESTION_EVENT_KINDS = ['shown', 'used'] as const;
export type SuggestionEventKind = (typeof SUGGESTION_EVENT_KINDS)[number];
/** How a suggestion was used: a click, or its keyboard shortcut. */
export const SUGGESTION_USES = ['click', 'shortcut'] as const;
export type SuggestionUse = (typeof SUGGESTION_USES)[number];

export const noteSuggestionInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shown'), chatId, articleIds: z.array(articleId).min(1).max(SUGGESTION_LIMIT) }),
  z.object({ kind: z.literal('used'), chatId, articleId, via: z.enum(SUGGESTION_USES) }),
]);
export type NoteSuggestionInput = z.infer<typeof noteSuggestionInput>;

export interface Suggestion {
  articleId: string;
  question: string;
  /** The whole answer, inserted into the reply box. */
  answer: string;
  /** Its first characters, shown in the list. */
  preview: string;
  /** 0..1, comparable across queries. */
  confidence: number;
}
