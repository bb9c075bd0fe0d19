import { z } from 'zod';
import { DEFAULT_CALL_SETTINGS, callSettingsInput } from './calls.ts';

// What a site offers visitors and when: its business hours (weekday schedule in the site's
// time zone, holidays) and its robot. Edited in the site settings, read by the chat.

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time such as 09:00');
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

export const hoursSpan = z
  .object({ from: clock, to: clock })
  .refine((s) => minutes(s.from) < minutes(s.to), 'the end must come after the start');
export type HoursSpan = z.infer<typeof hoursSpan>;

/** Monday first (ISO weekday 1 is days[0]); an empty day is closed. */
export const businessHoursInput = z.object({
  enabled: z.boolean(),
  days: z.array(z.array(hoursSpan).max(4)).length(7),
  /** Local dates (YYYY-MM-DD) the site is closed all day. */
  holidays: z.array(z.iso.date()).max(366),
});
export type BusinessHours = z.infer<typeof businessHoursInput>;

/**
 * off · answer when no agent can chat (nobody online, or outside hours) · answer outside
 * business hours only · first responder on every chat until a person takes over.
 */
export const ROBOT_MODES = ['off', 'no_agent', 'outside_hours', 'always'] as const;
export type RobotMode = (typeof ROBOT_MODES)[number];

export const robotSettingsInput = z.object({
  mode: z.enum(ROBOT_MODES),
  /** 0..1; null = the search's default (DEFAULT_ROBOT_CONFIDENCE). */
  threshold: z.number().min(0).max(1).nullable(),
  name: z.string().trim().min(1).max(40),
});
export type RobotSettings = z.infer<typeof robotSettingsInput>;

export const serviceSettingsInput = z.object({
  hours: businessHoursInput,
  robot: robotSettingsInput,
  /** Web calls (absent from an older client: the defaults, calls off). */
  calls: callSettingsInput.default(DEFAULT_CALL_SETTINGS),
});
export type ServiceSettings = z.infer<typeof serviceSettingsInput>;

const nineToSix = [{ from: '09:00', to: '18:00' }];

/** A site nobody configured: always open (hours off), no robot. */
export const DEFAULT_SERVICE_SETTINGS: ServiceSettings = {
  hours: { enabled: false, days: [nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, [], []], holidays: [] },
  robot: { mode: 'off', threshold: null, name: 'Robot' },
  calls: DEFAULT_CALL_SETTINGS,
};

/** The agent id robot chats and messages carry: the agents report shows it as "Robot". */
export const ROBOT_AGENT_ID = 'robot';
