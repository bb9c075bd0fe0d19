import sharp from 'sharp';

// The report's traffic chart as a PNG: mail clients do not run scripts and many block SVG,
// so the chart is drawn as SVG here and rasterised with sharp (libvips, Apache-2.0).

const W = 600;
const H = 220;
const PAD = { left: 44, right: 12, top: 14, bottom: 30 };

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Bars of `values` with their `labels` (every label when few, else every few), and the y-axis top. */
export function trafficChartSvg(values: number[], labels: string[]): string {
  const max = Math.max(1, ...values);
  const top = niceCeiling(max);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, values.length);
  const every = Math.max(1, Math.ceil(values.length / 12));
  const bars = values.map((v, i) => {
    const h = (v / top) * plotH;
    const x = PAD.left + i * slot + slot * 0.15;
    return `<rect x="${x.toFixed(1)}" y="${(PAD.top + plotH - h).toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${h.toFixed(1)}" fill="#1677ff"/>`;
  });
  const ticks = labels.map((l, i) =>
    i % every === 0
      ? `<text x="${(PAD.left + i * slot + slot / 2).toFixed(1)}" y="${H - 10}" font-size="11" text-anchor="middle" fill="#666">${esc(l)}</text>`
      : '',
  );
  const grid = [0, 0.5, 1].map((f) => {
    const y = PAD.top + plotH - f * plotH;
    return `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y}" y2="${y}" stroke="#eee"/><text x="${PAD.left - 6}" y="${y + 4}" font-size="11" text-anchor="end" fill="#666">${Math.round(top * f)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#fff"/>${grid.join('')}${bars.join('')}${ticks.join('')}</svg>`;
}

function niceCeiling(n: number): number {
  const step = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * step >= n) return m * step;
  return 10 * step;
}

export async function trafficChartPng(values: number[], labels: string[]): Promise<Buffer> {
  return sharp(Buffer.from(trafficChartSvg(values, labels)))
    .png()
    .toBuffer();
}
