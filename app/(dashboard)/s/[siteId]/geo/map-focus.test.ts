import { geoEqualEarth, geoPath } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { focusBox, ringRecorder, zoomTo, type Box } from './map-focus';

describe('map focus', () => {
  it('zooms to the largest ring and the rings near it, not to a far sliver or territory', () => {
    // Mainland 100 wide at 500; an island beside it; a sliver at the map's other edge (Chukotka).
    const rings: Box[] = [
      [
        [500, 100],
        [600, 200],
      ],
      [
        [620, 150],
        [630, 160],
      ],
      [
        [2, 80],
        [7, 85],
      ],
    ];
    expect(focusBox(rings)).toEqual([
      [500, 100],
      [630, 200],
    ]);
    expect(focusBox([])).toBeUndefined();
  });

  it('records each ring a path draws, split where the antimeridian cuts it', () => {
    const projection = geoEqualEarth().translate([480, 240]).scale(150);
    // One polygon from 170°E to 170°W (clockwise, as d3 wants a small one): two rings at the two edges.
    const across = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [170, 60],
          [170, 70],
          [190, 70],
          [190, 60],
          [170, 60],
        ],
      ],
    };
    const recorder = ringRecorder();
    geoPath(projection, recorder)(across);
    expect(recorder.rings).toHaveLength(2);
    const [a, b] = recorder.rings as [Box, Box];
    // Each ring is narrow; together they span the map.
    expect(a[1][0] - a[0][0]).toBeLessThan(100);
    expect(b[1][0] - b[0][0]).toBeLessThan(100);
    expect(Math.abs(a[0][0] - b[0][0])).toBeGreaterThan(500);
  });

  it('fits the box into the view with a margin, centred, at most 8×', () => {
    const view = { width: 960, top: 40, height: 460 };
    const z = zoomTo(
      [
        [400, 100],
        [500, 150],
      ],
      view,
      0,
    );
    expect(z.k).toBeCloseTo(8);
    // The box's centre (450, 125) lands on the view's centre (480, 270).
    expect(450 * z.k + z.x).toBeCloseTo(480);
    expect(125 * z.k + z.y).toBeCloseTo(270);
    const wide = zoomTo(
      [
        [0, 40],
        [480, 270],
      ],
      view,
      0,
    );
    expect(wide.k).toBeCloseTo(2);
    // Never zooms out below the world.
    expect(
      zoomTo(
        [
          [0, 0],
          [5000, 5000],
        ],
        view,
      ).k,
    ).toBe(1);
  });
});
