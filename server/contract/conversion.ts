/** What Conversion → "Who converts" can be broken down by. */
export const CONVERSION_DIMENSIONS = [
  'source',
  'medium',
  'campaign',
  'landing',
  'country',
  'device',
  'agent',
  'rule',
] as const;
export type ConversionDimension = (typeof CONVERSION_DIMENSIONS)[number];

/**
 * The rule column's values for people no rule invited: they asked for a chat themselves,
 * or an agent invited them by hand ('' = neither). Rule ids never hold ':'.
 */
export const NO_RULE = { visitorStarted: ':visitor', agentInvited: ':agent' } as const;
