import type { ClickHouseClient } from '@clickhouse/client';
import { TABLES } from '../../clickhouse/tables.ts';
import { getPersonFootprint } from '../queries/person-footprint.ts';
import { getPerson } from '../queries/visitor-people.ts';
import { realtimeBus } from '../bus/bus.ts';
import { eraseRecordings } from '../recordings/erase-recordings.ts';

export interface Eraser {
  id: string;
  email: string;
}

/**
 * Removes a person from the store: every visitor id joined to `visitorId` by identity
 * (server/queries/visitor-people.ts), from the events, their chats' messages, identities,
 * leads and orders (also those carrying the person's email or phone; a lead's phone by its key), their recorded
 * calls (files under the data dir too), and from the rollups
 * (migrations 0008, 0010, 0042, 0044, 0045, 0048), which views fill at insert time and a delete does not reach.
 * bot_events hold no visitor id. Then one audit row (who, when, which ids) and a bus message
 * so the server drops them from presence.
 *
 * Deletes wait for their mutation (`SETTINGS` in the statement: per-call settings leak on
 * chdb). The order makes a retry after a failure finish the job: the rollups first (the
 * visitor_quarters rebuild reads the others' events), identities last (they link the ids).
 */
export async function erasePerson(
  ch: ClickHouseClient,
  siteId: string,
  visitorId: string,
  by: Eraser,
  now = Date.now(),
): Promise<{ visitorIds: string[] }> {
  const person = await getPerson(ch, siteId, visitorId);
  const ids = person.visitorIds;
  const footprint = await getPersonFootprint(ch, siteId, ids);
  const params = {
    siteId,
    ids,
    chats: footprint.chatIds,
    quarters: footprint.quarters,
    email: person.email.toLowerCase(),
    phone: person.phone,
  };
  const run = (query: string) => ch.command({ query, query_params: params });
  const lightweight = 'SETTINGS lightweight_deletes_sync = 2';
  const mutation = 'SETTINGS mutations_sync = 2';
  const byIds = `visitor_id IN {ids:Array(String)} OR person_id IN {ids:Array(String)} OR (email != '' AND email = {email:String})`;
  // A lead meets the person by any of their phones' keys, in whatever spelling it was left.
  const contact = `(${byIds} OR (phone_key != '' AND phone_key IN (SELECT phone_key FROM ${TABLES.identities} WHERE site_id = {siteId:String} AND visitor_id IN {ids:Array(String)} AND phone_key != '')))`;
  const orderContact = `(${byIds} OR (phone != '' AND phone = {phone:String}))`;

  if (footprint.quarters.length > 0) {
    // A quarter's visitor set can't lose one member: rebuild the person's quarters from everyone else's events.
    await run(
      `ALTER TABLE ${TABLES.visitorQuarters} DELETE WHERE site_id = {siteId:String} AND toUnixTimestamp(quarter) IN {quarters:Array(UInt32)} ${mutation}`,
    );
    await run(`INSERT INTO ${TABLES.visitorQuarters}
               SELECT site_id, toStartOfFifteenMinutes(ts) AS quarter, uniqExactState(cityHash64(visitor_id)) AS visitor_set
               FROM ${TABLES.events}
               WHERE site_id = {siteId:String} AND ts >= fromUnixTimestamp64Milli(toInt64(arrayMin({quarters:Array(UInt32)})) * 1000)
                 AND toUnixTimestamp(toStartOfFifteenMinutes(ts)) IN {quarters:Array(UInt32)} AND visitor_id NOT IN {ids:Array(String)}
               GROUP BY site_id, quarter`);
    // Their chats' agent rows go with the events below: rebuild those quarters' agents from the rest
    // (the condition is agent_quarters_mv's, migration 0048).
    await run(
      `ALTER TABLE ${TABLES.agentQuarters} DELETE WHERE site_id = {siteId:String} AND toUnixTimestamp(quarter) IN {quarters:Array(UInt32)} ${mutation}`,
    );
    await run(`INSERT INTO ${TABLES.agentQuarters}
               SELECT DISTINCT site_id, toStartOfFifteenMinutes(ts) AS quarter, agent_id
               FROM ${TABLES.events}
               WHERE site_id = {siteId:String} AND ts >= fromUnixTimestamp64Milli(toInt64(arrayMin({quarters:Array(UInt32)})) * 1000)
                 AND toUnixTimestamp(toStartOfFifteenMinutes(ts)) IN {quarters:Array(UInt32)}
                 AND type IN ('chat_started', 'chat_message', 'call_answered') AND agent_id != ''
                 AND (type != 'chat_message' OR props['sender'] = 'agent')
                 AND visitor_id NOT IN {ids:Array(String)} AND (chat_id = '' OR chat_id NOT IN {chats:Array(String)})`);
  }
  // The rollups keyed by visitor: a row holds one visitor's events only, so it goes with them.
  for (const table of [TABLES.visitorViewQuarters, TABLES.conversionQuarters, TABLES.sessionQuarters])
    await run(
      `ALTER TABLE ${table} DELETE WHERE site_id = {siteId:String} AND visitor_key IN (SELECT cityHash64(arrayJoin({ids:Array(String)}))) ${mutation}`,
    );
  await run(
    `DELETE FROM ${TABLES.chatMessages} WHERE site_id = {siteId:String} AND (visitor_id IN {ids:Array(String)} OR chat_id IN {chats:Array(String)}) ${lightweight}`,
  );
  // The files' bytes go with the bus's `erased` (server/files/): they live under each visitor id.
  await run(
    `DELETE FROM ${TABLES.chatFiles} WHERE site_id = {siteId:String} AND (visitor_id IN {ids:Array(String)} OR chat_id IN {chats:Array(String)}) ${lightweight}`,
  );
  // Their tags go too: the assignments name the visitor ids and chats.
  await run(
    `DELETE FROM ${TABLES.tagAssignments} WHERE site_id = {siteId:String} AND ((subject_kind = 'visitor' AND subject_id IN {ids:Array(String)}) OR (subject_kind = 'chat' AND subject_id IN {chats:Array(String)})) ${lightweight}`,
  );
  await run(
    `DELETE FROM ${TABLES.tagAssignments} WHERE site_id = {siteId:String} AND subject_kind = 'lead' AND subject_id IN (SELECT lead_id FROM ${TABLES.leads} WHERE site_id = {siteId:String} AND ${contact}) ${lightweight}`,
  );
  // Hot words are what the person wrote, in segmented form.
  await run(
    `DELETE FROM ${TABLES.visitorTerms} WHERE site_id = {siteId:String} AND (visitor_id IN {ids:Array(String)} OR (chat_id != '' AND chat_id IN {chats:Array(String)})) ${lightweight}`,
  );
  // Their recorded calls hold their voice: files and rows (found by visitor and chat ids, so before those go).
  await eraseRecordings(ch, siteId, ids, footprint.chatIds);
  // A callback holds the name and phone the person left.
  await run(
    `DELETE FROM ${TABLES.callbacks} WHERE site_id = {siteId:String} AND (visitor_id IN {ids:Array(String)} OR lead_id IN (SELECT lead_id FROM ${TABLES.leads} WHERE site_id = {siteId:String} AND ${contact})) ${lightweight}`,
  );
  await run(`DELETE FROM ${TABLES.leads} WHERE site_id = {siteId:String} AND ${contact} ${lightweight}`);
  await run(`DELETE FROM ${TABLES.orders} WHERE site_id = {siteId:String} AND ${orderContact} ${lightweight}`);
  await run(
    `DELETE FROM ${TABLES.events} WHERE site_id = {siteId:String} AND (visitor_id IN {ids:Array(String)} OR (chat_id != '' AND chat_id IN {chats:Array(String)})) ${lightweight}`,
  );
  // A path only their page views had goes from the site's paths (it may name them: /orders/jane).
  await run(
    `ALTER TABLE ${TABLES.sitePaths} DELETE WHERE site_id = {siteId:String} AND path NOT IN (SELECT path FROM ${TABLES.events} WHERE site_id = {siteId:String} AND type = 'pageview') ${mutation}`,
  );
  // Imported details are keyed by person id, which is one of the person's visitor ids.
  await run(
    `DELETE FROM ${TABLES.personProfiles} WHERE site_id = {siteId:String} AND person_id IN {ids:Array(String)} ${lightweight}`,
  );
  await run(
    `DELETE FROM ${TABLES.identities} WHERE site_id = {siteId:String} AND (visitor_id IN {ids:Array(String)} OR person_id IN {ids:Array(String)}) ${lightweight}`,
  );
  await ch.insert({
    table: TABLES.auditLog,
    values: [
      { at: now, site_id: siteId, actor_id: by.id, actor_email: by.email, action: 'erase_person', visitor_ids: ids },
    ],
    format: 'JSONEachRow',
  });
  realtimeBus().publish('erased', { siteId, visitorIds: ids });
  return { visitorIds: ids };
}
