export type Box = [[number, number], [number, number]];

const area = ([[x0, y0], [x1, y1]]: Box) => (x1 - x0) * (y1 - y0);
const union = (a: Box, b: Box): Box => [
  [Math.min(a[0][0], b[0][0]), Math.min(a[0][1], b[0][1])],
  [Math.max(a[1][0], b[1][0]), Math.max(a[1][1], b[1][1])],
];

/**
 * The box to zoom to for a country drawn as these rings (boxes of its projected outlines):
 * its largest ring and the rings near it. The box of the whole country would be the world for
 * those the antimeridian cuts (Chukotka puts Russia at both edges, Fiji spans the map), and
 * far territories (French Guiana) would shrink the rest.
 */
export function focusBox(rings: Box[]): Box | undefined {
  if (rings.length === 0) return undefined;
  const main = rings.reduce((a, b) => (area(b) > area(a) ? b : a));
  const reach = Math.max(main[1][0] - main[0][0], main[1][1] - main[0][1]);
  const near = (p: Box) =>
    p[0][0] > main[0][0] - reach &&
    p[1][0] < main[1][0] + reach &&
    p[0][1] > main[0][1] - reach &&
    p[1][1] < main[1][1] + reach;
  return rings.filter(near).reduce(union, main);
}

/** A d3-geo path context that records the box of every ring it is asked to draw. */
export function ringRecorder() {
  const rings: Box[] = [];
  let ring: Box | undefined;
  return {
    rings,
    moveTo(x: number, y: number) {
      ring = [
        [x, y],
        [x, y],
      ];
      rings.push(ring);
    },
    lineTo(x: number, y: number) {
      if (!ring) return;
      ring[0] = [Math.min(ring[0][0], x), Math.min(ring[0][1], y)];
      ring[1] = [Math.max(ring[1][0], x), Math.max(ring[1][1], y)];
    },
    beginPath() {},
    closePath() {},
    arc() {},
  };
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
