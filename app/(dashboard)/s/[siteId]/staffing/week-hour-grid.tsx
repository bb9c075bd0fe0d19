'use client';
import { Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';

export interface WeekHour {
  /** 1 = Monday … 7 = Sunday, in the site's time zone. */
  weekday: number;
  hour: number;
}

export interface CellLook {
  background: string;
  content: ReactNode;
  tooltip: ReactNode;
  /** Dark backgrounds need light text. */
  light?: boolean;
  /** Extra attributes for tests and CSS-free styling hooks. */
  data?: Record<`data-${string}`, string>;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const DAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * Seven rows (Monday first) × 24 hours of the site's time zone, one coloured cell each
 * with a tooltip. A plain table: recharts has no heatmap, and a table keeps the numbers
 * readable, selectable and reachable by tests.
 */
export function WeekHourGrid<T extends WeekHour>({
  cells,
  look,
  testId,
}: {
  cells: T[];
  look: (cell: T) => CellLook;
  testId: string;
}) {
  const t = useTranslations('staffing');
  const byKey = new Map(cells.map((c) => [`${c.weekday}-${c.hour}`, c]));
  const border = '2px solid #fff';
  return (
    <div style={{ overflowX: 'auto' }}>
      <table
        style={{ borderCollapse: 'collapse', fontSize: 11, width: '100%', minWidth: 860, tableLayout: 'fixed' }}
        data-testid={testId}
      >
        <caption style={{ captionSide: 'bottom', textAlign: 'center', color: '#6b7280', paddingTop: 4 }}>
          {t('axis.hour')}
        </caption>
        <thead>
          <tr>
            <th style={{ width: 64, textAlign: 'left', color: '#6b7280', fontWeight: 400 }}>{t('axis.weekday')}</th>
            {HOURS.map((h) => (
              <th key={h} scope="col" style={{ color: '#6b7280', fontWeight: 400 }}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYS.map((d) => (
            <tr key={d}>
              <th scope="row" style={{ textAlign: 'left', fontWeight: 500, whiteSpace: 'nowrap' }}>
                {t(`weekdayShort.${d as 1}`)}
              </th>
              {HOURS.map((h) => {
                const cell = byKey.get(`${d}-${h}`);
                if (!cell) return <td key={h} />;
                const l = look(cell);
                return (
                  <Tooltip key={h} title={l.tooltip} mouseEnterDelay={0.05}>
                    <td
                      data-testid={`${testId}-${d}-${h}`}
                      {...l.data}
                      style={{
                        background: l.background,
                        color: l.light ? '#fff' : '#1f2937',
                        border,
                        height: 34,
                        textAlign: 'center',
                        cursor: 'default',
                        lineHeight: 1.1,
                      }}
                    >
                      {l.content}
                    </td>
                  </Tooltip>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Monday 10:00–11:00" in the interface language. */
export function useSlotLabel() {
  const t = useTranslations('staffing');
  return (c: WeekHour) =>
    t('slot', { day: t(`weekday.${c.weekday as 1}`), from: pad(c.hour), to: pad((c.hour + 1) % 24) });
}

const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
