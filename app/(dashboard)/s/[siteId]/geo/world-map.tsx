'use client';
import { ZoomOutOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { geoEqualEarth, geoPath } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { useTranslations } from 'use-intl';
import world from 'world-atlas/countries-110m.json';
import { useCountryName } from '@/app/_components/country';
import { focusBox, ringRecorder, zoomTo } from './map-focus';
import { mapStep, NO_DATA, PALETTE, stepBounds, stepColour } from './map-scale';

const WIDTH = 960;

// Projected once at load: the shapes never change, only their colours. Antarctica has no
// visitors and would take a sixth of the height. world-atlas ids are ISO 3166-1 numeric;
// the few disputed shapes without one (N. Cyprus, Somaliland, Kosovo) get code ''.
const { SHAPES, TOP, HEIGHT } = (() => {
  const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
  const all = feature(topology, topology.objects.countries).features.map((f) => ({
    f,
    code: countries.numericToAlpha2(String(f.id)) ?? '',
  }));
  const land = all.filter((s) => s.code !== 'AQ');
  const projection = geoEqualEarth().fitWidth(WIDTH, { type: 'FeatureCollection', features: land.map((s) => s.f) });
  const path = geoPath(projection);
  const [[, top], [, bottom]] = path.bounds({ type: 'FeatureCollection', features: land.map((s) => s.f) });
  const shapes = land.map((s) => {
    const recorder = ringRecorder();
    geoPath(projection, recorder)(s.f);
    return { code: s.code, d: path(s.f) ?? '', box: focusBox(recorder.rings) };
  });
  return { SHAPES: shapes, TOP: Math.floor(top), HEIGHT: Math.ceil(bottom - Math.floor(top)) };
})();

export interface WorldMapProps {
  /** Metric value per ISO alpha-2 code; countries absent from the map have no data. */
  values: Map<string, number>;
  metricLabel: string;
  format: (v: number) => string;
  /** The country the table is drilled into: zoomed into and outlined. */
  selected?: string;
  onSelect: (code: string) => void;
  /** Back out to the world (shown while zoomed in). */
  onReset: () => void;
}

/** Choropleth of one metric per country; click (or Enter) on a country to drill into it. */
export function WorldMap({ values, metricLabel, format, selected, onSelect, onReset }: WorldMapProps) {
  const t = useTranslations('geo');
  const name = useCountryName();
  const box = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<{ code: string; x: number; y: number; right: number } | null>(null);
  const max = Math.max(0, ...values.values());
  const selectedShape = selected ? SHAPES.find((s) => s.code === selected) : undefined;
  const zoom = selectedShape?.box
    ? zoomTo(selectedShape.box, { width: WIDTH, top: TOP, height: HEIGHT })
    : { k: 1, x: 0, y: 0 };

  const track = (code: string) => (e: MouseEvent) => {
    const rect = box.current?.getBoundingClientRect();
    if (rect) setHover({ code, x: e.clientX - rect.left, y: e.clientY - rect.top, right: rect.right - e.clientX });
  };
  const keys = (code: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(code);
    }
  };
  const describe = (code: string) => {
    const v = values.get(code);
    return `${name(code)} · ${metricLabel}: ${v === undefined ? t('noData') : format(v)}`;
  };

  return (
    <div ref={box} style={{ position: 'relative' }} data-testid="world-map">
      <svg
        viewBox={`0 ${TOP} ${WIDTH} ${HEIGHT}`}
        style={{ display: 'block', width: '100%', height: 'auto', maxHeight: 'min(460px, 55vh)' }}
        role="group"
        aria-label={t('map.label', { metric: metricLabel })}
      >
        <g
          transform={`translate(${zoom.x} ${zoom.y}) scale(${zoom.k})`}
          data-testid="map-zoom"
          data-zoom={selectedShape?.code ?? ''}
          data-scale={zoom.k.toFixed(2)}
        >
          {SHAPES.map((s, i) => {
            const step = s.code ? mapStep(values.get(s.code), max) : -1;
            const active = step >= 0;
            return (
              <path
                key={`${s.code}-${i}`}
                d={s.d}
                data-country={s.code || undefined}
                data-step={step}
                data-value={values.get(s.code)}
                fill={stepColour(step)}
                stroke="#fff"
                strokeWidth={0.5}
                vectorEffect="non-scaling-stroke"
                style={{ cursor: active ? 'pointer' : 'default' }}
                tabIndex={active ? 0 : undefined}
                role={active ? 'button' : undefined}
                aria-label={active ? describe(s.code) : undefined}
                onMouseMove={s.code ? track(s.code) : undefined}
                onMouseLeave={() => setHover(null)}
                onClick={active ? () => onSelect(s.code) : undefined}
                onKeyDown={active ? keys(s.code) : undefined}
              />
            );
          })}
          {selectedShape && (
            <path
              d={selectedShape.d}
              fill="none"
              stroke="#111827"
              strokeWidth={1.5}
              vectorEffect="non-scaling-stroke"
              pointerEvents="none"
              data-testid="map-selected"
            />
          )}
        </g>
      </svg>
      {selectedShape && (
        <Button
          size="small"
          icon={<ZoomOutOutlined />}
          onClick={onReset}
          data-testid="map-reset"
          style={{ position: 'absolute', top: 8, left: 8 }}
        >
          {t('world')}
        </Button>
      )}
      {hover && (
        <div
          data-testid="map-tooltip"
          style={{
            position: 'absolute',
            top: hover.y + 14,
            // Near the right edge the tooltip opens to the left of the pointer, inside the card.
            ...(hover.right < 220 ? { right: hover.right + 14 } : { left: hover.x + 14 }),
            background: '#fff',
            border: '1px solid #e5e7eb',
            borderRadius: 6,
            padding: '4px 8px',
            pointerEvents: 'none',
            fontSize: 12,
            whiteSpace: 'nowrap',
            boxShadow: '0 2px 8px rgba(0,0,0,.08)',
          }}
        >
          <b>{name(hover.code)}</b>
          <div>
            {metricLabel}: {values.has(hover.code) ? format(values.get(hover.code) ?? 0) : t('noData')}
          </div>
        </div>
      )}
      <Legend max={max} format={format} metricLabel={metricLabel} />
    </div>
  );
}

function Legend({ max, format, metricLabel }: { max: number; format: (v: number) => string; metricLabel: string }) {
  const t = useTranslations('geo');
  const swatch = { width: 28, height: 10 } as const;
  return (
    <div
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: 12,
        fontSize: 12,
        color: '#6b7280',
        marginTop: 8,
      }}
      data-testid="map-legend"
    >
      <span>{metricLabel}</span>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        {format(0)}
        <span style={{ display: 'inline-flex' }}>
          {stepBounds(max).map(([from, to], i) => (
            <span
              key={i}
              title={`${format(from)} – ${format(to)}`}
              data-step={i}
              data-fill={PALETTE[i]}
              style={{ ...swatch, background: PALETTE[i] }}
            />
          ))}
        </span>
        {format(max)}
      </span>
      <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        <span style={{ ...swatch, background: NO_DATA, border: '1px solid #d1d5db' }} />
        {t('noData')}
      </span>
      <span>{t('map.hint')}</span>
    </div>
  );
}
