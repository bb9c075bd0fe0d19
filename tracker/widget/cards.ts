import { el, show } from './dom';
import { text } from './text';

// The widget's two cards that stand apart from the conversation.

/** An agent's (or a rule's) invitation: who invites and why, accept or dismiss. */
export function invitationCard(
  send: (message: object) => unknown,
  accepted: () => void,
): { view: HTMLElement; show(id: string, agentName: string, message: string): void; withdraw(id: string): void } {
  let invitationId = '';
  const who = el('div', { class: 'who' });
  const msg = el('div', { class: 'msg' });
  const accept = el('button', { class: 'primary', 'data-lt': 'accept' }, text.accept);
  const dismiss = el('button', { class: 'ghost', 'data-lt': 'dismiss' }, text.dismiss);
  const view = el(
    'div',
    { class: 'card', role: 'dialog', 'data-lt': 'invitation', hidden: '' },
    who,
    msg,
    el('div', { class: 'row' }, dismiss, accept),
  );
  const hide = () => {
    invitationId = '';
    show(view, false);
  };
  accept.onclick = () => {
    send({ type: 'invite.accept', invitationId });
    hide();
    accepted();
  };
  dismiss.onclick = () => {
    send({ type: 'invite.dismiss', invitationId });
    hide();
  };
  return {
    view,
    show(id, agentName, message) {
      invitationId = id;
      who.textContent = text.invitedBy(agentName);
      msg.textContent = message;
      show(view, true);
    },
    /** The server took it back (expired, or the visitor chats already): only if it is the one shown. */
    withdraw(id) {
      if (id === invitationId) hide();
    },
  };
}

/** After a chat: five stars to rate it ("The chat has ended" is the status line above). */
export function ratingView(send: (message: object) => unknown): HTMLElement {
  const stars = el('div', { class: 'stars' });
  for (let n = 1; n <= 5; n++) {
    const star = el('button', { 'aria-label': String(n), 'data-lt': `star-${n}` }, '★'.repeat(n));
    star.onclick = () => send({ type: 'chat.rate', rating: n });
    stars.appendChild(star);
  }
  return el('div', { class: 'msgs', 'data-lt': 'rating', hidden: '' }, el('div', { class: 'intro' }, text.rate), stars);
}
