import { describe, expect, it } from 'vitest';
import { mapStep, NO_DATA, PALETTE, stepBounds, stepColour } from './map-scale';

describe('map scale', () => {
  it('puts the largest value in the darkest class and no data in grey', () => {
    expect(mapStep(24, 24)).toBe(PALETTE.length - 1);
    expect(mapStep(12, 24)).toBe(2);
    expect(mapStep(4.7, 24)).toBe(0);
    expect(mapStep(0, 24)).toBe(0);
    expect(mapStep(undefined, 24)).toBe(-1);
    expect(stepColour(-1)).toBe(NO_DATA);
    expect(stepColour(0)).not.toBe(NO_DATA);
  });

  it('keeps a zero that is data apart from no data, even when every value is zero', () => {
    expect(mapStep(0, 0)).toBe(0);
  });

  it('slices the range into equal classes that meet end to end', () => {
    const bounds = stepBounds(10);
    expect(bounds).toHaveLength(PALETTE.length);
    expect(bounds[0]).toEqual([0, 2]);
    expect(bounds.at(-1)).toEqual([8, 10]);
  });
});
