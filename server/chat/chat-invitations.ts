import type { AgentRefusal, VisitorToServer } from '../contract/channels.ts';
import { newId } from '../sites/site-service.ts';
import type { ChatQueue } from './chat-queue.ts';
import type { AgentLink, Chat, ChatRooms, Invitation, Site, VisitorLink } from './chat-rooms.ts';
import type { InviteRule } from '../contract/rule-schema.ts';
import { pickAgent } from './routing.ts';

type Answer = Extract<VisitorToServer, { type: 'invite.accept' | 'invite.dismiss' }>;

/**
 * Invitations to chat, from an agent on the Live screen or from a rule: one pending per
 * visitor, shown on every open page of theirs; accepting one starts a chat with its agent.
 */
export class ChatInvitations {
  constructor(
    private readonly rooms: ChatRooms,
    private readonly queue: ChatQueue,
  ) {}

  /** A page that opens while an invitation is pending shows it too. */
  showPending(link: VisitorLink): void {
    const invitation = this.rooms.site(link.siteId).invitations.get(link.visitorId);
    if (invitation)
      link.send({
        type: 'invite',
        invitationId: invitation.invitationId,
        agentName: invitation.agentName,
        message: invitation.message,
      });
  }

  /** An agent's invitation: refused with a code when the visitor has left or is already chatting. */
  async fromAgent(link: AgentLink, agentName: string, message: { visitorId: string; message: string }): Promise<void> {
    const site = this.rooms.site(link.siteId);
    const refuse = (reason: AgentRefusal) =>
      link.send({ type: 'invite.result', visitorId: message.visitorId, invitationId: '', ok: false, reason });
    const links = site.visitors.get(message.visitorId);
    const [first] = links ?? [];
    if (!first) return refuse('visitor_gone');
    if (this.rooms.busy(site, message.visitorId)) return refuse('already_chatting');
    const invitation: Invitation = {
      invitationId: `inv_${newId(16)}`,
      agentId: link.userId,
      agentName,
      message: message.message,
      ruleId: '',
    };
    try {
      await this.invite(site, first, invitation);
    } catch (error) {
      // Answered here, not left to the hub: its chat.error reaches only the Chats page, so the
      // Live screen would hear nothing. The visitor is not left holding an invitation the agent
      // was told was not sent; the agent's retry makes a new one.
      console.error('chat: invite_shown not stored', error);
      if (site.invitations.get(message.visitorId)?.invitationId === invitation.invitationId)
        this.withdraw(site, message.visitorId, invitation);
      return refuse('not_stored');
    }
    link.send({ type: 'invite.result', visitorId: message.visitorId, invitationId: invitation.invitationId, ok: true });
  }

  /**
   * An automatic invitation: only to a visitor with an open page, no chat and no pending
   * invitation, and only while the rule's agent (or anyone of the pool) can take the chat.
   */
  async fromRule(siteId: string, visitorId: string, rule: InviteRule): Promise<boolean> {
    const site = this.rooms.site(siteId);
    const [link] = site.visitors.get(visitorId) ?? [];
    if (!link || site.invitations.has(visitorId) || this.rooms.busy(site, visitorId)) return false;
    const agents = this.rooms.presences(site);
    // A rule's group invites only while one of its members can take the chat.
    const groupId = rule.definition.agentId ? '' : (rule.definition.groupId ?? '');
    const members = this.queue.teams.members(siteId, groupId);
    const agent = rule.definition.agentId
      ? pickAgent(agents.filter((a) => a.userId === rule.definition.agentId))
      : pickAgent(agents, '', members);
    if (!agent) return false;
    await this.invite(site, link, {
      invitationId: `inv_${newId(16)}`,
      agentId: agent.userId,
      agentName: agent.name,
      message: rule.definition.message,
      ruleId: rule.ruleId,
      ...(members && { groupId }),
    });
    return true;
  }

  /**
   * The visitor accepts or dismisses the pending invitation. `chat` is the visitor's chat
   * this page holds; `locked` says another page holds an open one.
   */
  async answer(link: VisitorLink, message: Answer, chat: Chat | undefined, locked: boolean): Promise<void> {
    const rooms = this.rooms;
    const site = rooms.site(link.siteId);
    const invitation = site.invitations.get(link.visitorId);
    if (!invitation || invitation.invitationId !== message.invitationId) return;
    this.withdraw(site, link.visitorId, invitation);
    const step = { invitationId: invitation.invitationId, agentId: invitation.agentId, ruleId: invitation.ruleId };
    if (message.type === 'invite.dismiss') return rooms.record(link, { type: 'invite_dismissed', ...step });
    if (locked) {
      await rooms.record(link, { type: 'invite_accepted', ...step });
      return link.send({ type: 'chat.error', reason: 'chat_locked' });
    }
    if (chat && chat.summary.status !== 'closed') {
      await rooms.record(link, { type: 'invite_accepted', ...step });
      return link.send({ type: 'chat.state', chat: rooms.visitorView(chat) });
    }
    this.queue.startChat(link, {
      origin: 'invitation',
      invitationId: invitation.invitationId,
      ruleId: invitation.ruleId,
      preferred: invitation.agentId,
      ...(invitation.groupId !== undefined && { groupId: invitation.groupId }),
      visitor: { name: '', email: '', phone: '', question: '' },
      accepted: { type: 'invite_accepted', ...step },
      first: invitation.message
        ? {
            messageId: 'i_',
            sender: 'agent',
            agentName: invitation.agentName,
            body: invitation.message,
            agentId: invitation.agentId,
          }
        : undefined,
      lead: false,
    });
  }

  /** The visitor's pending invitation ends: every open page of theirs takes it down. */
  private withdraw(site: Site, visitorId: string, invitation: Invitation): void {
    site.invitations.delete(visitorId);
    this.rooms.toVisitor(site, visitorId, { type: 'invite.withdrawn', invitationId: invitation.invitationId });
  }

  /** Shown to every open page of the visitor; a newer invitation replaces the pending one. */
  private async invite(site: Site, link: VisitorLink, invitation: Invitation): Promise<void> {
    const previous = site.invitations.get(link.visitorId);
    site.invitations.set(link.visitorId, invitation);
    if (previous)
      this.rooms.toVisitor(site, link.visitorId, { type: 'invite.withdrawn', invitationId: previous.invitationId });
    this.rooms.toVisitor(site, link.visitorId, {
      type: 'invite',
      invitationId: invitation.invitationId,
      agentName: invitation.agentName,
      message: invitation.message,
    });
    await this.rooms.record(link, {
      type: 'invite_shown',
      invitationId: invitation.invitationId,
      agentId: invitation.agentId,
      ruleId: invitation.ruleId,
    });
  }
}
