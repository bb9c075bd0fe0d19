import { z } from 'zod';
import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { col, readRows } from '../../clickhouse/read-rows.ts';

export interface Person {
  /** The asked-for visitor id first, then the others joined to it by identity. */
  visitorIds: string[];
  name: string;
  email: string;
  phone: string;
}

/**
 * The person behind a visitor id: every visitor id linked to it by a shared (non-empty)
 * person id or (non-empty) email, up to two links away, with the newest known name,
 * email and phone among them. A visitor never identified is a person of one id with no
 * details.
 *
 * Each visitor id's identity is its newest row (the table keeps one per visitor once
 * merged); across the person's ids each field is the newest non-empty one, so an id
 * that only left a phone does not hide the name another id gave.
 */
export async function getPerson(client: ClickHouseClient, siteId: string, visitorId: string): Promise<Person> {
  const rows = await readRows(
    client,
    {
      query: `WITH latest AS (
              SELECT visitor_id, argMax(person_id, updated_at) AS pid, argMax(name, updated_at) AS known_name,
                     argMax(email, updated_at) AS known_email, argMax(phone, updated_at) AS known_phone, max(updated_at) AS at
              FROM ${TABLES.identities}
              WHERE site_id = {siteId:String}
              GROUP BY visitor_id
            ),
            -- Two hops: the visitor's own person id and email, then those of everyone they
            -- reach. An anonymous id linked by person id thus reaches the ids that share
            -- the person's email too, the same set the identified id sees.
            me AS (SELECT pid, known_email FROM latest WHERE visitor_id = {visitorId:String}),
            hop AS (
              SELECT pid, known_email FROM latest
              WHERE visitor_id = {visitorId:String}
                 OR (pid != '' AND pid IN (SELECT pid FROM me))
                 OR (known_email != '' AND known_email IN (SELECT known_email FROM me))
            )
            SELECT groupUniqArray(visitor_id) AS visitorIds,
                   argMaxIf(known_name, at, known_name != '') AS personName,
                   argMaxIf(known_email, at, known_email != '') AS personEmail,
                   argMaxIf(known_phone, at, known_phone != '') AS personPhone
            FROM latest
            WHERE visitor_id = {visitorId:String}
               OR (pid != '' AND pid IN (SELECT pid FROM hop))
               OR (known_email != '' AND known_email IN (SELECT known_email FROM hop))`,
      query_params: { siteId, visitorId },
    },
    z.object({ visitorIds: col.texts, personName: col.text, personEmail: col.text, personPhone: col.text }),
  );
  const [row] = rows;
  const others = (row?.visitorIds ?? []).filter((id) => id !== visitorId).sort();
  return {
    visitorIds: [visitorId, ...others],
    name: row?.personName ?? '',
    email: row?.personEmail ?? '',
    phone: row?.personPhone ?? '',
  };
}
