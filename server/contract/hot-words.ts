import { z } from 'zod';

/** What a hot word's messages can be broken down by. */
export const HOT_WORD_DIMENSIONS = ['source', 'campaign', 'country', 'kind'] as const;
export type HotWordDimension = (typeof HOT_WORD_DIMENSIONS)[number];

/** Where a visitor wrote the text: a chat message, the pre-chat question, an offline message. */
export const VISITOR_TEXT_KINDS = ['chat', 'prechat', 'offline'] as const;

export const hotWordTerm = z.string().trim().min(1).max(100);
