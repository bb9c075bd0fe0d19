import type { SiteRow } from '../../clickhouse/rows.ts';

export interface Site {
  id: string;
  name: string;
  domains: string[];
  timeZone: string;
  respectDnt: boolean;
  apiSecret: string;
  createdAt: number;
}

export function siteFromRow(row: SiteRow): Site {
  return {
    id: row.site_id,
    name: row.name,
    domains: row.domains,
    timeZone: row.time_zone,
    respectDnt: row.respect_dnt === 1,
    apiSecret: row.api_secret,
    createdAt: Number(row.created_at),
  };
}

/** A listed domain admits itself and its subdomains; ports are ignored. */
export function isAllowedHost(site: Site, hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^www\./, '');
  return site.domains.some((d) => {
    const domain = d.toLowerCase().replace(/^www\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  });
}
