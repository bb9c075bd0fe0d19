import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { focusBox, zoomTo, type Box } from './map-focus';

// Boxes in plain degrees stand in for the projection: the logic only compares boxes.
const boxOf = (f: Feature): Box => {
  const g = f.geometry as { coordinates: number[][][] };
  const xs = g.coordinates.flat().map((p) => p[0]!);
  const ys = g.coordinates.flat().map((p) => p[1]!);
  return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
};
const square = (x: number, y: number, s: number) => [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]];

describe('map focus', () => {
  it('zooms to the largest part and the parts near it, not to a far sliver across the edge', () => {
    // Mainland 100 wide at 500; an island beside it; a sliver at the map's other edge (Aleutians).
    const f: Feature = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square(500, 100, 100), square(620, 150, 10), square(2, 80, 5)] } };
    expect(focusBox(f, boxOf)).toEqual([[500, 100], [630, 200]]);
  });

  it('fits the box into the view with a margin, centred, at most 8×', () => {
    const view = { width: 960, top: 40, height: 460 };
    const z = zoomTo([[400, 100], [500, 150]], view, 0);
    expect(z.k).toBeCloseTo(8);
    // The box's centre (450, 125) lands on the view's centre (480, 270).
    expect(450 * z.k + z.x).toBeCloseTo(480);
    expect(125 * z.k + z.y).toBeCloseTo(270);
    const wide = zoomTo([[0, 40], [480, 270]], view, 0);
    expect(wide.k).toBeCloseTo(2);
    // Never zooms out below the world.
    expect(zoomTo([[0, 0], [5000, 5000]], view).k).toBe(1);
  });
});
