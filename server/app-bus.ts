import { domainEventId, realtimeBus } from './bus/bus.ts';
import type { ChatService } from './chat/chat-service.ts';
import { publishIdentified } from './leads/lead-events.ts';
import type { OrderService } from './orders/order-service.ts';
import type { Presence } from './realtime/presence.ts';
import type { RealtimeHub } from './realtime/hub.ts';
import { onTagAdded } from './tags/record-assignments.ts';

/**
 * What the one process hears on the bus from tRPC (which runs inside Next) and from the tag
 * recorder, and passes to its own memory: sessions ended, "takes chats", service settings,
 * groups, identities, erasures, and tags reaching someone (the `tag.added` webhook). Returns
 * the function that stops listening.
 */
export function listenToBus(o: {
  hub: RealtimeHub;
  chat: ChatService;
  presence: Presence;
  orders: OrderService;
}): () => void {
  const bus = realtimeBus();
  const stops = [
    // A changed password or "sign out everywhere" ends sessions: their sockets go too.
    bus.subscribe('sessions', ({ userId, keepHash }) => o.hub.closeUserSessions(userId, keepHash)),
    // An admin's "takes chats" for a user (Settings → Users) reaches their open tabs.
    bus.subscribe('agentSettings', ({ userId, takesChats }) => o.chat.takesChatsSet(userId, takesChats)),
    bus.subscribe('serviceSettings', ({ siteId }) => o.chat.serviceChanged(siteId)),
    bus.subscribe('groups', ({ siteId }) => {
      o.chat.groupsChanged(siteId).catch((error: unknown) => console.error('chat: groups not reloaded', error));
    }),
    // An agent's "Save as lead" stored an identity: name the visitor on Live.
    bus.subscribe('identified', ({ siteId, identities }) => {
      o.presence.onStored({ events: [], bots: [], identities, orders: [] }, siteId);
      publishIdentified(identities);
    }),
    bus.subscribe('erased', ({ siteId, visitorIds }) => {
      o.presence.forget(siteId, visitorIds);
      o.orders.forget(siteId, visitorIds);
    }),
    // A tag reaching a person, lead or chat (console, profile or rule) is the `tag.added` webhook.
    onTagAdded((t) =>
      bus.publish('domainEvent', {
        siteId: t.siteId,
        type: 'tag.added',
        id: domainEventId('tag.added', t.siteId, t.kind, t.subjectId, t.tagId, t.at),
        data: {
          tag_id: t.tagId,
          subject_kind: t.kind,
          subject_id: t.subjectId,
          origin: t.origin,
          rule_id: t.ruleId,
          added_at: new Date(t.at).toISOString(),
        },
      }),
    ),
  ];
  return () => stops.forEach((stop) => stop());
}
