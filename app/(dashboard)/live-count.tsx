'use client';

/** Visitors on the site right now, pushed over the realtime hub (filled in by the Live screen's work). */
export function LiveCount(_props: { siteId: string }) {
  return null;
}
