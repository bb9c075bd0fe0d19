import type { Site } from '../contract/site.ts';

/** A listed domain admits itself and its subdomains; ports are ignored. */
export function isAllowedHost(site: Site, hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^www\./, '');
  return site.domains.some((d) => {
    const domain = d.toLowerCase().replace(/^www\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}
