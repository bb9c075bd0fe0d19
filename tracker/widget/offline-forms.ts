import { el, field, show } from './dom';
import { text } from './text';
import { instantToZoned, zonedToInstant } from './zoned-time';

/**
 * While no agent can chat: leave a message, or ask to be called back at a time picked on the
 * site's clock (`zone`, from the welcome). `done` swaps the forms for the thank-you once the
 * server has the request.
 */
export function offlineForms(
  send: (message: object) => unknown,
  zone: () => string,
): { view: HTMLElement; done(kind: 'message' | 'callback'): void; zoneKnown(): void } {
  const off = {
    name: field('input', text.name, { name: 'name', maxlength: '256' }),
    email: field('input', text.email, { name: 'email', type: 'email', maxlength: '256' }),
    phone: field('input', text.phone, { name: 'phone', type: 'tel', maxlength: '32' }),
    message: field('textarea', text.message, { name: 'message', rows: '4', maxlength: '4000', required: '' }),
  };
  const messageForm = el(
    'form',
    { 'data-lt': 'offline-message', class: 'msgs' },
    off.name.label,
    off.email.label,
    off.phone.label,
    off.message.label,
    el('button', { class: 'primary' }, text.submit),
  );
  const requestForm = callbackRequestForm(send, zone);
  const callbackForm = requestForm.form;
  show(callbackForm, false);
  messageForm.onsubmit = (e) => {
    e.preventDefault();
    send({
      type: 'offline.message',
      name: off.name.input.value,
      email: off.email.input.value,
      phone: off.phone.input.value,
      message: off.message.input.value,
    });
  };
  const tabMessage = el('button', { type: 'button', 'aria-selected': 'true' }, text.leaveMessage);
  const tabCallback = el('button', { type: 'button', 'aria-selected': 'false' }, text.callback);
  const selectTab = (callback: boolean) => {
    tabMessage.setAttribute('aria-selected', String(!callback));
    tabCallback.setAttribute('aria-selected', String(callback));
    show(messageForm, !callback);
    show(callbackForm, callback);
    requestForm.boundPicker();
  };
  tabMessage.onclick = () => selectTab(false);
  tabCallback.onclick = () => selectTab(true);
  const forms = el(
    'div',
    { class: 'msgs' },
    el('div', { class: 'tabs' }, tabMessage, tabCallback),
    messageForm,
    callbackForm,
  );
  const thanks = el('div', { class: 'intro', 'data-lt': 'offline-done', hidden: '' });
  return {
    view: el(
      'div',
      { class: 'body', 'data-lt': 'offline' },
      el('div', { class: 'intro' }, text.offlineIntro),
      forms,
      thanks,
    ),
    zoneKnown: () => requestForm.boundPicker(),
    done(kind) {
      thanks.textContent = kind === 'callback' ? text.sentCallback : text.sentMessage;
      show(forms, false);
      show(thanks, true);
    },
  };
}

/**
 * "Call me back": name, phone and a time picked on the site's clock (`zone`, '' until the
 * welcome says it: sending stays off, a time read in another zone would be hours wrong). Used by
 * the offline forms and after a missed web call; `boundPicker` refreshes the picker's range.
 */
export function callbackRequestForm(
  send: (message: object) => unknown,
  zone: () => string,
  lt = 'callback',
): { form: HTMLFormElement; boundPicker(): void } {
  const cb = {
    name: field('input', text.name, { name: 'name', maxlength: '256' }),
    phone: field('input', text.phone, {
      name: 'phone',
      type: 'tel',
      maxlength: '32',
      required: '',
      pattern: '[+0-9 ()\\-]{3,32}',
    }),
    at: field('input', text.when, { name: 'at', type: 'datetime-local', required: '' }),
  };
  const zoneNote = el('span', { 'data-lt': `${lt}-zone` });
  cb.at.label.append(zoneNote);
  /** The picker offers now … 14 days ahead on the site's clock. */
  const submit = el('button', { class: 'primary', disabled: '' }, text.submit);
  const boundPicker = () => {
    submit.disabled = !zone();
    if (submit.disabled) return;
    cb.at.input.min = instantToZoned(Date.now(), zone());
    cb.at.input.max = instantToZoned(Date.now() + 14 * 864e5, zone());
    zoneNote.textContent = text.inZone(zone());
  };
  const form = el('form', { 'data-lt': lt, class: 'msgs' }, cb.name.label, cb.phone.label, cb.at.label, submit);
  form.onsubmit = (e) => {
    e.preventDefault();
    if (!zone()) return;
    const at = zonedToInstant(cb.at.input.value, zone());
    if (at) send({ type: 'callback.request', name: cb.name.input.value, phone: cb.phone.input.value, at });
  };
  return { form, boundPicker };
}
