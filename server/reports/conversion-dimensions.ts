/**
 * What the conversion report breaks down by: first touch, place, device, the agent of the
 * first chat, the rule of the first automatic invitation. Apart from the query so the page
 * can import the list without the server code behind it.
 */
export const CONVERSION_DIMENSIONS = ['source', 'medium', 'campaign', 'landing', 'country', 'device', 'agent', 'rule'] as const;
export type ConversionDimension = (typeof CONVERSION_DIMENSIONS)[number];
