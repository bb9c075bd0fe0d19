/** What Conversion → "Who converts" can be broken down by. */
export const CONVERSION_DIMENSIONS = ['source', 'medium', 'campaign', 'landing', 'country', 'device', 'agent', 'rule'] as const;
export type ConversionDimension = (typeof CONVERSION_DIMENSIONS)[number];
