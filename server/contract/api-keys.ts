import { z } from 'zod';

/** What an open-API key may do: `read` any resource of its site, `write` create and change (leads, orders). */
export const API_SCOPES = ['read', 'write'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Settings → API: a new key's name and scopes. */
export const createApiKeyInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_SCOPES)).min(1).max(API_SCOPES.length),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

export const apiKeyIdInput = z.string().regex(/^[A-Za-z0-9]{1,32}$/);
