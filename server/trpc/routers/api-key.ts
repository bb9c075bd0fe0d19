import { z } from 'zod';
import { apiKeyIdInput, createApiKeyInput } from '../../contract/api-keys.ts';
import { createApiKey, revokeApiKey } from '../../api/api-keys.ts';
import { listApiKeys } from '../../queries/list-api-keys.ts';
import { knownSiteProcedure, router } from '../init.ts';

/** Settings → API: a site's open-API keys (admins only). */
export const apiKeyRouter = router({
  list: knownSiteProcedure('admin:sites').query(({ ctx: { ch, site } }) => listApiKeys(ch, site.id)),

  /** The key is in this answer only; the store keeps its hash. */
  create: knownSiteProcedure('admin:sites')
    .input(createApiKeyInput)
    .mutation(({ ctx: { ch, site, user }, input }) => createApiKey(ch, site.id, input, user.id)),

  revoke: knownSiteProcedure('admin:sites')
    .input(z.object({ keyId: apiKeyIdInput }))
    .mutation(({ ctx: { ch, site }, input }) => revokeApiKey(ch, site.id, input.keyId)),
});
