// A sequential scale quantized into a few classes: a reader can match a country to a legend
// swatch, which a continuous gradient does not allow. Linear classes over [0, max] keep the
// legend honest (each swatch is an equal slice of the range). ColorBrewer "Blues", without
// its palest steps so the lowest class never reads as the no-data grey.

export const PALETTE = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;
/** Countries without any data for the period. */
export const NO_DATA = '#eef0f4';

/** Class index of a value on a scale from 0 to `max`; -1 when the country has no data. */
export function mapStep(value: number | undefined, max: number): number {
  if (value === undefined) return -1;
  if (!(max > 0)) return 0;
  return Math.max(0, Math.min(PALETTE.length - 1, Math.floor((value / max) * PALETTE.length)));
}

export function stepColour(step: number): string {
  return PALETTE[step] ?? NO_DATA;
}

/** The [from, to] slice of the range each class covers, for the legend. */
export function stepBounds(max: number): [number, number][] {
  const size = Math.max(0, max) / PALETTE.length;
  return PALETTE.map((_, i) => [i * size, (i + 1) * size]);
}
