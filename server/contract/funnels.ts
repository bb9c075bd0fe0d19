import { z } from 'zod';
import { funnelStep } from './funnel-steps.ts';

export const funnelId = z.string().regex(/^fn_[A-Za-z0-9]{1,32}$/, 'a funnel id');
export const MAX_FUNNEL_STEPS = 8;
export const WINDOW_MODES = ['session', 'days'] as const;
export type WindowMode = (typeof WINDOW_MODES)[number];

/** What a funnel is, saved or not: its steps in order and the window they must fall in. */
export const funnelDefinition = z.strictObject({
  steps: z.array(funnelStep).min(2).max(MAX_FUNNEL_STEPS),
  /** 'session': every step in one session; 'days': every step within windowDays of the first. */
  windowMode: z.enum(WINDOW_MODES),
  windowDays: z.number().int().min(1).max(90).default(7),
});
export type FunnelDefinition = z.output<typeof funnelDefinition>;
export type FunnelDefinitionInput = z.input<typeof funnelDefinition>;

export const funnelInput = z.strictObject({
  funnelId: funnelId.optional(),
  name: z.string().trim().min(1).max(60),
  definition: funnelDefinition,
});
export type FunnelInput = z.input<typeof funnelInput>;

export interface Funnel {
  funnelId: string;
  name: string;
  definition: FunnelDefinition;
}

export const FUNNEL_BREAKDOWNS = ['none', 'source', 'campaign', 'country', 'device'] as const;
export type FunnelBreakdown = (typeof FUNNEL_BREAKDOWNS)[number];

/**
 * The consult-to-order funnel of the Conversion screen as a builder preset: a visit, an
 * invitation shown and accepted, a chat, a lead, an order, within 30 days.
 */
export const CONSULT_TO_ORDER_PRESET: FunnelDefinitionInput = {
  windowMode: 'days',
  windowDays: 30,
  steps: [
    { kind: 'page', config: { pattern: '*' } },
    { kind: 'invitation_shown' },
    { kind: 'invitation_accepted' },
    { kind: 'chat' },
    { kind: 'lead' },
    { kind: 'order' },
  ],
};
