import type { ClickHouseClient } from '@clickhouse/client';
import { getPersonChats, type PersonChat } from '../queries/person-chats.ts';
import { getPersonLeads, type PersonLead } from '../queries/person-leads.ts';
import { getPersonOrders, type PersonOrder } from '../queries/person-orders.ts';
import { getUserNames } from '../queries/user-names.ts';
import { getPerson, type Person } from '../queries/visitor-people.ts';

/** A drawer's worth: the newest few of each; the profile has everything. */
export const HISTORY_LIMIT = 10;

export interface VisitorHistory {
  person: Person;
  chats: (PersonChat & { agentName: string })[];
  leads: PersonLead[];
  orders: PersonOrder[];
}

/**
 * What a person did before, across every visitor id joined to them by identity: their
 * chats (with who answered and what they asked), leads and orders. Transcripts are for
 * those who serve chats: without `withQuestions` a chat's question is left out.
 */
export async function loadVisitorHistory(
  client: ClickHouseClient,
  siteId: string,
  visitorId: string,
  withQuestions: boolean,
): Promise<VisitorHistory> {
  const person = await getPerson(client, siteId, visitorId);
  const [chats, leads, orders, names] = await Promise.all([
    getPersonChats(client, siteId, person.visitorIds, HISTORY_LIMIT),
    getPersonLeads(client, siteId, person.visitorIds, HISTORY_LIMIT),
    getPersonOrders(client, siteId, person.visitorIds, HISTORY_LIMIT),
    getUserNames(client),
  ]);
  return {
    person,
    chats: chats.map((c) => ({
      ...c,
      question: withQuestions ? c.question : '',
      agentName: c.agentId ? (names.get(c.agentId) ?? c.agentId) : '',
    })),
    leads,
    orders,
  };
}
