import { z } from 'zod';

/** Every share token starts so: people and secret scanners can tell one at a glance. */
export const SHARE_TOKEN_PREFIX = 'lts_';

export const shareTokenInput = z
  .string()
  .min(SHARE_TOKEN_PREFIX.length + 16)
  .max(96)
  .regex(/^lts_[A-Za-z0-9_-]+$/, 'a share token');

export const createShareLinkInput = z.object({
  name: z.string().trim().min(1).max(80),
  /** Empty or missing: anyone with the link may open it. */
  password: z.string().max(200).optional(),
});
export type CreateShareLinkInput = z.infer<typeof createShareLinkInput>;

export const shareLinkIdInput = z.string().regex(/^[A-Za-z0-9]{8,32}$/, 'a share link id');

export const openShareInput = z.object({ token: shareTokenInput, password: z.string().max(200).optional() });

/** Why a share link did not open, translated at the screen. */
export type ShareRefusal = 'unknown' | 'revoked' | 'password_needed' | 'password_wrong';
