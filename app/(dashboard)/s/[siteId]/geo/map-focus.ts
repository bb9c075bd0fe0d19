import type { Feature, MultiPolygon, Polygon } from 'geojson';

export type Box = [[number, number], [number, number]];

const area = ([[x0, y0], [x1, y1]]: Box) => (x1 - x0) * (y1 - y0);
const union = (a: Box, b: Box): Box => [
  [Math.min(a[0][0], b[0][0]), Math.min(a[0][1], b[0][1])],
  [Math.max(a[1][0], b[1][0]), Math.max(a[1][1], b[1][1])],
];

/**
 * The box to zoom to for a country: its largest part and the parts near it. The whole
 * country's box would be the world for those the antimeridian cuts (the Aleutians put the
 * USA at both edges, Chukotka does the same to Russia), and far islands would shrink the rest.
 */
export function focusBox(f: Feature, bounds: (f: Feature) => Box): Box {
  const g = f.geometry as Polygon | MultiPolygon;
  if (g.type !== 'MultiPolygon') return bounds(f);
  const parts = g.coordinates.map((coordinates) => bounds({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } }));
  const main = parts.reduce((a, b) => (area(b) > area(a) ? b : a));
  const reach = Math.max(main[1][0] - main[0][0], main[1][1] - main[0][1]);
  const near = (p: Box) =>
    p[0][0] > main[0][0] - reach && p[1][0] < main[1][0] + reach && p[0][1] > main[0][1] - reach && p[1][1] < main[1][1] + reach;
  return parts.filter(near).reduce(union, main);
}

export interface Zoom {
  k: number;
  x: number;
  y: number;
}

/** Scale and shift that fit `box` (with a margin) into the view, at most 8× so small countries keep their neighbours in sight. */
export function zoomTo(box: Box, view: { width: number; top: number; height: number }, margin = 0.15): Zoom {
  const [[x0, y0], [x1, y1]] = box;
  const w = Math.max(x1 - x0, 1) * (1 + 2 * margin);
  const h = Math.max(y1 - y0, 1) * (1 + 2 * margin);
  const k = Math.max(1, Math.min(8, view.width / w, view.height / h));
  return { k, x: view.width / 2 - k * ((x0 + x1) / 2), y: view.top + view.height / 2 - k * ((y0 + y1) / 2) };
}
