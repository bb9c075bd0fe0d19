'use client';
// eslint-disable-next-line no-restricted-imports -- the one place the dashboard takes Next's Link.
import NextLink from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/**
 * Next's Link, prefetching when a person reaches for it (hover, focus) rather than when it
 * scrolls into view. With viewport prefetch every page view had the server render each menu
 * entry's screen, twice: ~40 renders a view, doubling the requests a walk through the screens
 * made and adding a third to the server's CPU.
 */
export default function Link({ href, onMouseEnter, onFocus, ...props }: ComponentProps<typeof NextLink>) {
  const router = useRouter();
  const url = typeof href === 'string' && href.startsWith('/') ? href : null;
  return (
    <NextLink
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        if (url) router.prefetch(url);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        if (url) router.prefetch(url);
        onFocus?.(event);
      }}
    />
  );
}
