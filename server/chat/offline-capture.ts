import type { CreateLeadInput } from '../contract/lead-schema.ts';
import { planLead } from '../leads/lead-service.ts';
import type { VisitorToServer } from '../contract/channels.ts';
import type { ChatRooms, VisitorLink } from './chat-rooms.ts';
import type { ChatSteps } from './chat-steps.ts';

type Capture = Extract<VisitorToServer, { type: 'offline.message' | 'callback.request' }>;

/**
 * A message or callback request left while no agent could chat. Answered once journaled
 * with its lead: the lead is stored in the background.
 */
export function captureOffline(rooms: ChatRooms, steps: ChatSteps, link: VisitorLink, message: Capture): void {
  const isCallback = message.type === 'callback.request';
  const lead: CreateLeadInput = {
    siteId: link.siteId,
    visitorId: link.visitorId,
    source: isCallback ? 'callback' : 'offline',
    name: message.name ?? '',
    email: isCallback ? '' : (message.email ?? ''),
    phone: message.phone ?? '',
    message: isCallback ? '' : message.message,
    callbackAt: isCallback ? message.at : '',
    chatId: '',
    ownerId: '',
  };
  const event = rooms.event(link, {
    type: isCallback ? 'callback_request' : 'offline_message',
    props: isCallback ? { at: message.at } : {},
  });
  steps.commit({
    id: steps.newId(),
    siteId: link.siteId,
    visitorId: link.visitorId,
    events: [event],
    lead: planLead(lead),
  });
  link.send({ type: 'offline.ok', kind: isCallback ? 'callback' : 'message' });
}
