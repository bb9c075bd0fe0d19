import { expect, it, onTestFinished, vi } from 'vitest';
import type { ServerToAgent, ServerToVisitor } from '../contract/channels.ts';
import type { ChatQueue } from './chat-queue.ts';
import { ChatInvitations } from './chat-invitations.ts';
import { ChatRooms, type AgentLink, type ChatDeps, type VisitorLink } from './chat-rooms.ts';
import { defaultAgentSettings } from './agent-settings.ts';

// The Live screen hears of an invitation only through invite.result: a journal that refuses
// the invite_shown step must still answer the agent, with a code the screen translates.
const SITE = 'invite-unit';

function setup(writeEvents: ChatDeps['writeEvents']) {
  const rooms = new ChatRooms({ ch: null as never, writeEvents, visit: () => null, journalDir: '' });
  // An agent's invitation never reaches the queue (only an accepted one does).
  const invitations = new ChatInvitations(rooms, {} as ChatQueue);
  const toAgent: ServerToAgent[] = [];
  const toVisitor: ServerToVisitor[] = [];
  const agent: AgentLink = {
    userId: 'agent-1',
    name: 'Agent',
    siteId: SITE,
    serves: true,
    settings: defaultAgentSettings('agent'),
    send: (m) => toAgent.push(m),
  };
  const page: VisitorLink = {
    siteId: SITE,
    visitorId: 'visitor-1',
    sessionId: 'visitor-1-s1',
    chatToken: '',
    send: (m) => toVisitor.push(m),
  };
  const site = rooms.site(SITE);
  site.visitors.set(page.visitorId, new Set([page]));
  return { invitations, agent, site, toAgent, toVisitor };
}

it('answers the agent with not_stored when the invitation cannot be recorded, and withdraws it', async () => {
  const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  onTestFinished(() => quiet.mockRestore());
  const { invitations, agent, site, toAgent, toVisitor } = setup(() => Promise.reject(new Error('journal full')));
  await invitations.fromAgent(agent, 'Agent', { visitorId: 'visitor-1', message: 'Hi!' });
  expect(toAgent).toEqual([
    { type: 'invite.result', visitorId: 'visitor-1', invitationId: '', ok: false, reason: 'not_stored' },
  ]);
  // The visitor saw it before the write failed; it is taken back, so the agent's "not sent" holds.
  const [shown, withdrawn] = toVisitor;
  expect(shown).toMatchObject({ type: 'invite', message: 'Hi!' });
  expect(withdrawn).toEqual({ type: 'invite.withdrawn', invitationId: shown?.type === 'invite' && shown.invitationId });
  expect(toVisitor).toHaveLength(2);
  expect(site.invitations.size).toBe(0);
  expect(quiet).toHaveBeenCalled();
});

it('answers ok once the invitation is recorded', async () => {
  const { invitations, agent, site, toAgent } = setup(() => Promise.resolve());
  await invitations.fromAgent(agent, 'Agent', { visitorId: 'visitor-1', message: 'Hi!' });
  const invitationId = site.invitations.get('visitor-1')?.invitationId;
  expect(invitationId).toMatch(/^inv_/);
  expect(toAgent).toEqual([{ type: 'invite.result', visitorId: 'visitor-1', invitationId, ok: true }]);
});
