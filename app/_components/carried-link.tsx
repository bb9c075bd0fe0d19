'use client';
import Link from '@/app/_components/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, type ReactNode } from 'react';
import { carriedQuery } from './use-report-params';

/** A link to another screen that keeps the report's range and filters (not the screen's own list state). */
export function CarriedLink({ href, children }: { href: string; children: ReactNode }) {
  // useSearchParams needs a Suspense boundary where a page is prerendered (settings).
  return (
    <Suspense fallback={<Link href={href}>{children}</Link>}>
      <WithQuery href={href}>{children}</WithQuery>
    </Suspense>
  );
}

function WithQuery({ href, children }: { href: string; children: ReactNode }) {
  const query = carriedQuery(useSearchParams());
  return <Link href={query ? `${href}?${query}` : href}>{children}</Link>;
}
