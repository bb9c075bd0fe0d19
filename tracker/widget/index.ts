// LeadTrail's chat widget (w.js): loaded by the snippet once the page is idle. Presence,
// invitations, the chat button, pre-chat and offline forms, and the conversation. Every
// string from the server or the visitor is set as textContent, never parsed as HTML.
import type { ChatMessage, RobotNote, VisitorChat } from '../../server/contract/channels';
import type { LiveContext } from '../src/live';
import { el, show } from './dom';
import { invitationCard, ratingView } from './cards';
import { offlineForms } from './offline-forms';
import { prechatForm } from './prechat';
import { openLink } from './socket';
import { CSS } from './styles';
import { lang, text } from './text';
import { callCard } from './call';
import { composerForm } from './composer';
import { fileTools, type ChatFile } from './files';
import { fillBubble } from './bubble';

const TOKEN_KEY = 'lt_ct';
const context = (window as { leadtrail?: { c?: () => LiveContext } }).leadtrail?.c;
const script = document.currentScript as HTMLScriptElement | null;
if (context && script && !document.getElementById('leadtrail-widget')) start(context, script.src);

function start(ctx: () => LiveContext, src: string): void {
  const host = el('div', { id: 'leadtrail-widget' });
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.appendChild(el('style', {}, CSS));
  const root = el('div', { class: 'root' });
  shadow.appendChild(root);

  let agentsOnline = false;
  // The robot takes a chat now (its mode applies): the chat button stays open while nobody is online.
  let robotOn = false;
  // The robot had nobody to hand over to: the offline forms follow the conversation.
  let offerOffline = false;
  // Callback times are picked on the site's clock (the team calls in its own hours); the welcome says which.
  let siteZone = '';
  let chat: VisitorChat | null = null;
  let lastSeq = 0;
  const shown = new Map<string, HTMLElement>();
  const outbox = new Map<string, object>();
  // The chat's token opens it again after a reload or page change; without it the server
  // shows no chat. Kept beside the visitor id (memory where storage is blocked).
  let chatToken = '';
  try {
    chatToken = localStorage.getItem(TOKEN_KEY) || '';
  } catch {
    // storage blocked: this page keeps it in memory
  }

  const link = openLink({
    wsUrl: new URL('/ws/visitor', src).href.replace(/^http/, 'ws'),
    hello: () => {
      const c = ctx();
      return { site: c.site, visitorId: c.visitorId, sessionId: c.sessionId, url: c.url, chatToken, lang };
    },
    onOpen: (online, robot, calls, timeZone) => {
      siteZone = timeZone || 'UTC';
      offline.zoneKnown();
      setAvailability(online, robot);
      call.setAvailable(calls);
      link.send({ type: 'chat.sync', afterSeq: lastSeq });
      // Whatever was typed while the link was down goes now; the server drops a repeat by its id.
      for (const m of outbox.values()) link.send(m);
    },
    onMessage: (m) => {
      switch (m.type) {
        case 'availability':
          call.setAvailable(m.calls);
          return setAvailability(m.agentsOnline, m.robot);
        case 'call.state':
        case 'call.signal':
        case 'call.error':
          return call.onMessage(m);
        case 'invite':
          return invitation.show(m.invitationId, m.agentName, m.message);
        case 'invite.withdrawn':
          invitation.withdraw(m.invitationId);
          return;
        case 'chat.state':
          if (m.token) {
            chatToken = m.token;
            try {
              localStorage.setItem(TOKEN_KEY, m.token);
            } catch {
              // storage blocked: memory holds it for this page
            }
          }
          return setChat(m.chat);
        case 'chat.message':
          return addMessage(m.message);
        case 'chat.typing':
          return show(typing, m.typing);
        case 'chat.error':
          if (m.reason === 'offline') return setAvailability(false, false);
          error.textContent = text.refused[m.reason] ?? text.error;
          return show(error, true);
        case 'transcript.result':
          return files.transcriptResult(m);
        case 'offline.ok':
          call.callbackSent();
          return offline.done(m.kind);
        case 'pong':
          return;
      }
    },
  });

  const files = fileTools({
    base: new URL(src).origin,
    chat: () => (chat && chatToken ? { site: ctx().site, chatId: chat.chatId, token: chatToken } : null),
    send: (m) => link.send(m),
    fail: (message) => ((error.textContent = message), show(error, true)),
  });
  const call = callCard(
    (m) => link.send(m),
    () => siteZone,
  );

  const invitation = invitationCard(
    (m) => link.send(m),
    () => openPanel(),
  );

  // Panel
  const closeBtn = el('button', { 'aria-label': text.close }, '×');
  const head = el('div', { class: 'head' }, el('span', {}, text.title), closeBtn);
  const error = el('div', { class: 'note', role: 'alert', hidden: '' });

  const prechat = prechatForm((m) => link.deliver(m));

  const offline = offlineForms(
    (m) => link.deliver(m),
    () => siteZone,
  );

  const status = el('div', { class: 'status', 'data-lt': 'status' });
  const msgs = el('div', { class: 'msgs', 'data-lt': 'messages' });
  const typing = el('div', { class: 'note', hidden: '' });
  const rating = ratingView((m) => link.send(m));
  const thanks = el('div', { class: 'intro', hidden: '' }, text.thanks);
  const again = el('button', { class: 'ghost', type: 'button', 'data-lt': 'new-chat', hidden: '' }, text.newChat);
  again.onclick = () => {
    chat = null;
    clearMessages();
    render();
  };
  const endBtn = el('button', { class: 'ghost', type: 'button', 'data-lt': 'end' }, text.end);
  const personBtn = el('button', { class: 'ghost', type: 'button', 'data-lt': 'talk-to-person' }, text.talkToPerson);
  personBtn.onclick = () => link.send({ type: 'robot.handover' });
  const conversation = el('div', { class: 'body' }, status, msgs, typing, rating, thanks, again);
  const composer = composerForm(
    (m) => link.send(m),
    (body) => {
      if (!chat || chat.status === 'closed') return false;
      const messageId = `v${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
      const message = { type: 'chat.send', messageId, body };
      outbox.set(messageId, message);
      link.send(message);
      addBubble(messageId, 'visitor', body, 0, true);
      return true;
    },
  );
  const chatView = el(
    'div',
    { class: 'panel-chat', style: 'display:flex;flex-direction:column;flex:1;min-height:0' },
    conversation,
    el('div', { class: 'row', style: 'padding:0 8px' }, personBtn, endBtn),
    files.transcript,
    composer,
  );

  const panel = el(
    'div',
    { class: 'panel', 'data-lt': 'panel', hidden: '' },
    head,
    error,
    prechat,
    offline.view,
    chatView,
  );
  const launcher = el('button', { class: 'launcher', 'data-lt': 'launcher' }, text.launcherOffline);
  root.append(call.view, invitation.view, panel, call.button, launcher);
  files.bind(panel, composer);
  document.body.appendChild(host);

  // A chat started in another tab: show its token here too, and this tab joins it.
  addEventListener('storage', (e) => {
    if (e.key === TOKEN_KEY && e.newValue && e.newValue !== chatToken)
      link.send({ type: 'chat.sync', afterSeq: 0, chatToken: (chatToken = e.newValue) });
  });
  launcher.onclick = () => (panel.hidden ? openPanel() : showPanel(false));
  closeBtn.onclick = () => showPanel(false);
  endBtn.onclick = () => link.send({ type: 'chat.end' });

  function setAvailability(online: boolean, robot: boolean) {
    agentsOnline = online;
    robotOn = robot;
    launcher.textContent = online || robot ? text.launcher : text.launcherOffline;
    render();
  }

  /** On a phone the open panel fills the screen and the launcher steps aside (styles.ts). */
  function showPanel(visible: boolean) {
    show(panel, visible);
    root.classList.toggle('open', visible);
  }

  function openPanel() {
    showPanel(true);
    render();
  }

  function setChat(next: VisitorChat | null) {
    // A chat that ended and was rated before this page loaded is history: offer a new one.
    if (next?.status === 'closed' && next.rated && shown.size === 0) next = null;
    if (!next || (chat && next.chatId !== chat.chatId)) clearMessages();
    if (!next?.robot) offerOffline = false;
    chat = next;
    if (chat && chat.status !== 'closed') showPanel(true);
    render();
  }

  function addMessage(m: ChatMessage) {
    if (!chat || m.chatId !== chat.chatId) return;
    outbox.delete(m.messageId);
    addBubble(m.messageId, m.sender, m.body, m.seq, false, m.robot, m.file);
    lastSeq = Math.max(lastSeq, m.seq);
    if (m.robot) {
      offerOffline = m.robot.kind === 'offline' || (m.robot.kind === 'decline' && !agentsOnline);
      render();
    }
    if (m.sender === 'agent') show(typing, false);
  }

  /** One bubble per messageId, in seq order; the visitor's own shows at once and is confirmed by the server's echo. */
  function addBubble(
    messageId: string,
    sender: string,
    body: string,
    seq: number,
    pending: boolean,
    robot?: RobotNote,
    file?: ChatFile,
  ) {
    let bubble = shown.get(messageId);
    if (!bubble) {
      bubble = el('div', { 'data-message-id': messageId });
      fillBubble(bubble, { messageId, sender, body, robot, file }, (m) => link.send(m), files.view);
      shown.set(messageId, bubble);
    }
    bubble.className = `bubble ${sender}${pending ? ' pending' : ''}`;
    bubble.setAttribute('data-seq', String(seq));
    const after = [...msgs.children].find(
      (b) => seq > 0 && (Number(b.getAttribute('data-seq')) > seq || b.getAttribute('data-seq') === '0'),
    );
    if (after && after !== bubble) msgs.insertBefore(bubble, after);
    else if (!after) msgs.appendChild(bubble);
    conversation.scrollTop = conversation.scrollHeight;
  }

  function clearMessages() {
    msgs.textContent = '';
    shown.clear();
    lastSeq = 0;
  }

  function render() {
    const active = chat !== null;
    // Kept after the chat closes (a sent form ends it) so the thank-you stays in view.
    const offerForms = active && offerOffline;
    // Offered by the robot, the forms follow its message inside the conversation.
    if (offerForms) conversation.insertBefore(offline.view, rating);
    else panel.insertBefore(offline.view, chatView);
    show(prechat, !active && (agentsOnline || robotOn));
    show(offline.view, (!active && !agentsOnline && !robotOn) || offerForms);
    show(chatView, active);
    if (!chat) return;
    const closed = chat.status === 'closed';
    show(personBtn, chat.robot && !closed);
    status.textContent =
      chat.status === 'queued'
        ? text.queued(chat.queuePosition)
        : closed
          ? text.ended
          : chat.robot
            ? text.robotStatus(chat.agentName)
            : text.connected(chat.agentName);
    typing.textContent = text.typing(chat.agentName || text.title);
    show(rating, closed && !chat.rated);
    show(thanks, closed && chat.rated);
    show(again, closed);
    show(composer, !closed);
    show(endBtn, !closed);
  }

  render();
}
