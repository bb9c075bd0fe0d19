'use client';
export function TagReport({ siteId }: { siteId: string }) {
  return <div data-site={siteId} />;
}
