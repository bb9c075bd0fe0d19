// The reply box: Enter sends (Shift+Enter breaks the line, an IME's Enter composes), and what
// the visitor types reaches the agent as a preview at most every 300 ms.
import { el } from './dom';
import { text } from './text';

/** `submit` takes a non-empty reply and says whether it went (there is an open chat to write to). */
export function composerForm(send: (message: object) => unknown, submit: (body: string) => boolean): HTMLFormElement {
  const input = el('textarea', {
    placeholder: text.placeholder,
    'aria-label': text.placeholder,
    maxlength: '2000',
    'data-lt': 'input',
  });
  const composer = el(
    'form',
    { class: 'composer' },
    input,
    el('button', { class: 'primary', 'data-lt': 'send' }, text.send),
  );

  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let lastPreview = '';
  const preview = () => {
    if (input.value === lastPreview) return;
    lastPreview = input.value;
    send({ type: 'chat.typing', text: input.value });
  };
  input.oninput = () => {
    if (!typingTimer) typingTimer = setTimeout(() => ((typingTimer = undefined), preview()), 300);
  };
  input.onkeydown = (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      composer.requestSubmit();
    }
  };
  composer.onsubmit = (e) => {
    e.preventDefault();
    const body = input.value.trim();
    if (!body || !submit(body)) return;
    input.value = '';
    preview();
  };
  return composer;
}
