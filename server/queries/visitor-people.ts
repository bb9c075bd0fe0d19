import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';

export interface Person {
  visitorIds: string[];
  name: string;
  email: string;
  phone: string;
}

/**
 * The person behind a visitor id: every visitor id that shares its person id or its
 * (non-empty) email, with the newest known name, email and phone. A visitor never
 * identified is a person of one id with no details.
 */
export async function getPerson(client: ClickHouseClient, siteId: string, visitorId: string): Promise<Person> {
  const result = await client.query({
    query: `WITH latest AS (
              SELECT visitor_id, argMax(person_id, updated_at) AS person_id, argMax(name, updated_at) AS name,
                     argMax(email, updated_at) AS email, argMax(phone, updated_at) AS phone, max(updated_at) AS at
              FROM ${TABLES.identities}
              WHERE site_id = {siteId:String}
              GROUP BY visitor_id
            ),
            me AS (SELECT person_id, email FROM latest WHERE visitor_id = {visitorId:String})
            SELECT groupUniqArray(visitor_id) AS visitorIds, argMax(name, at) AS personName, argMax(email, at) AS personEmail, argMax(phone, at) AS personPhone
            FROM latest
            WHERE visitor_id = {visitorId:String}
               OR person_id IN (SELECT person_id FROM me)
               OR (email != '' AND email IN (SELECT email FROM me))`,
    query_params: { siteId, visitorId },
    format: 'JSONEachRow',
  });
  const [row] = await result.json<{ visitorIds: string[]; personName: string; personEmail: string; personPhone: string }>();
  const ids = new Set([visitorId, ...(row?.visitorIds ?? [])]);
  return { visitorIds: [...ids], name: row?.personName ?? '', email: row?.personEmail ?? '', phone: row?.personPhone ?? '' };
}
