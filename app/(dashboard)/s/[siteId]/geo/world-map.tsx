'use client';
import { geoEqualEarth, geoPath } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { useMemo, useState } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { useCountryName } from '../../../../_components/country';

const WIDTH = 960;
const HEIGHT = 470;
const EMPTY = '#eef0f4';
const LOW = [224, 231, 255];
const HIGH = [67, 56, 202];

// Projected once: the shapes never change, only their colours.
const SHAPES = (() => {
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries);
  const path = geoPath(geoEqualEarth().fitSize([WIDTH, HEIGHT], collection));
  return collection.features.map((f) => ({ code: countries.numericToAlpha2(String(f.id)) ?? '', d: path(f) ?? '' }));
})();

function colour(t: number): string {
  const c = LOW.map((lo, i) => Math.round(lo + (HIGH[i]! - lo) * t));
  return `rgb(${c.join(',')})`;
}

/** Choropleth of one metric per country; a square-root scale keeps small markets visible. */
export function WorldMap({ values, format, onSelect, legend }: { values: Map<string, number>; format: (v: number) => string; onSelect: (code: string) => void; legend: (min: string, max: string) => string }) {
  const name = useCountryName();
  const [hover, setHover] = useState<{ code: string; x: number; y: number } | null>(null);
  const max = Math.max(0, ...values.values());
  const fill = useMemo(() => (code: string) => {
    const v = values.get(code);
    return v === undefined || v <= 0 || max === 0 ? EMPTY : colour(Math.sqrt(v / max));
  }, [values, max]);
  return (
    <div style={{ position: 'relative' }} data-testid="world-map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} style={{ width: '100%', height: 'auto' }} role="img">
        {SHAPES.map((s, i) => (
          <path
            key={`${s.code}-${i}`}
            d={s.d}
            data-country={s.code}
            fill={fill(s.code)}
            stroke="#fff"
            strokeWidth={0.5}
            style={{ cursor: values.has(s.code) ? 'pointer' : 'default' }}
            onMouseMove={(e) => setHover({ code: s.code, x: e.nativeEvent.offsetX, y: e.nativeEvent.offsetY })}
            onMouseLeave={() => setHover(null)}
            onClick={() => values.has(s.code) && onSelect(s.code)}
          />
        ))}
      </svg>
      {hover && (
        <div style={{ position: 'absolute', left: hover.x + 12, top: hover.y + 12, background: '#fff', border: '1px solid #e5e7eb', borderRadius: 6, padding: '4px 8px', pointerEvents: 'none', fontSize: 12, boxShadow: '0 2px 8px rgba(0,0,0,.08)' }} data-testid="map-tooltip">
          <b>{name(hover.code)}</b>: {values.has(hover.code) ? format(values.get(hover.code) ?? 0) : '—'}
        </div>
      )}
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, fontSize: 12, color: '#6b7280' }}>
        <div style={{ width: 160, height: 10, borderRadius: 4, background: `linear-gradient(90deg, ${colour(0)}, ${colour(1)})` }} />
        {legend(format(0), format(max))}
      </div>
    </div>
  );
}
