'use client';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'next/navigation';
import { useTRPC } from '@/app/_lib/trpc';

/** The site named in the URL, from the sites the user may open. */
export function useSite() {
  const trpc = useTRPC();
  const { siteId } = useParams<{ siteId?: string }>();
  const sites = useQuery(trpc.site.list.queryOptions());
  const site = sites.data?.find((s) => s.id === siteId);
  return { site, siteId, sites };
}

export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions(undefined, { retry: false, staleTime: 60_000 }));
}
