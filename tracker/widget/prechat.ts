// The pre-chat form: who the visitor is and their question, sent as the chat request.
import { el, field } from './dom';
import { text } from './text';

export function prechatForm(send: (message: object) => unknown): HTMLFormElement {
  const pre = {
    name: field('input', text.name, { name: 'name', maxlength: '256' }),
    email: field('input', text.email, { name: 'email', type: 'email', maxlength: '256' }),
    phone: field('input', text.phone, { name: 'phone', type: 'tel', maxlength: '32' }),
    question: field('textarea', text.question, { name: 'question', rows: '3', maxlength: '2000' }),
  };
  const startBtn = el('button', { class: 'primary', 'data-lt': 'start' }, text.start);
  const form = el(
    'form',
    { class: 'body', 'data-lt': 'prechat' },
    el('div', { class: 'intro' }, text.prechatIntro),
    pre.name.label,
    pre.email.label,
    pre.phone.label,
    pre.question.label,
    startBtn,
  );
  form.onsubmit = (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    send({
      type: 'chat.request',
      name: pre.name.input.value,
      email: pre.email.input.value,
      phone: pre.phone.input.value,
      question: pre.question.input.value,
    });
  };
  return form;
}
