// Files in the widget: attach by button, drag and drop or paste; files travel over HTTP with
// the chat's token (never a cookie: this runs on the site's page, the server is another
// origin), and come back the same way, as blobs, so no link carries the token. Images show
// as thumbnails (a click opens them), anything else as a download chip. Also "Email me this
// transcript".
import type { ChatFile, TranscriptResult } from '../../server/contract/chat-files';
import { el, show } from './dom';
import { text } from './text';

export type { ChatFile };

export interface FileDeps {
  /** The server's origin (w.js's). */
  base: string;
  /** The chat's site, id and token, or null. */
  chat: () => { site: string; chatId: string; token: string } | null;
  send: (message: object) => void;
  /** A refusal or failure to show. */
  fail: (message: string) => void;
}

const IMAGE = /^image\/(png|jpeg|gif|webp)$/;
const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;

export function fileTools(deps: FileDeps) {
  const picker = el('input', { type: 'file', hidden: '', 'data-lt': 'file-input' });
  const button = el('button', { type: 'button', class: 'ghost', 'aria-label': text.attach, 'data-lt': 'attach' }, '📎');
  button.onclick = () => picker.click();
  picker.onchange = () => {
    for (const f of picker.files ?? []) void upload(f);
    picker.value = '';
  };

  async function upload(file: File): Promise<void> {
    const chat = deps.chat();
    if (!chat) return;
    const url = `${deps.base}/api/files?site=${encodeURIComponent(chat.site)}&chat=${encodeURIComponent(chat.chatId)}`;
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${chat.token}`,
          'x-file-name': encodeURIComponent(file.name || 'image.png'),
          'content-type': 'application/octet-stream',
        },
        body: file,
      });
      if (r.status === 201) return;
      deps.fail(text.fileRefused[r.status] ?? text.error);
    } catch {
      deps.fail(text.error);
    }
  }

  /** Fetched with the token; the blob URL lives as long as the page. */
  async function blob(file: ChatFile): Promise<string> {
    const chat = deps.chat();
    if (!chat) throw new Error('no chat');
    const r = await fetch(`${deps.base}/api/files/${encodeURIComponent(chat.site)}/${file.id}`, {
      headers: { authorization: `Bearer ${chat.token}` },
    });
    if (!r.ok) throw new Error(String(r.status));
    return URL.createObjectURL(await r.blob());
  }

  /** A message's file: a thumbnail for images, a chip for the rest. */
  function view(file: ChatFile): HTMLElement {
    if (IMAGE.test(file.type)) {
      const img = el('img', { class: 'thumb', alt: file.name, 'data-lt': 'file-image' });
      blob(file).then(
        (src) => {
          img.src = src;
          img.onclick = () => window.open(src, '_blank', 'noopener');
        },
        () => (img.alt = `${file.name} (${text.error})`),
      );
      return img;
    }
    const chip = el(
      'button',
      { type: 'button', class: 'chip', 'data-lt': 'file-chip' },
      `📄 ${file.name} · ${kb(file.size)}`,
    );
    chip.onclick = () =>
      blob(file).then(
        (href) => el('a', { href, download: file.name }).click(),
        () => deps.fail(text.error),
      );
    return chip;
  }

  /** Drop and paste anywhere on the panel send the files while a chat is open; the button sits in the composer. */
  function bind(panel: HTMLElement, composer: HTMLElement): void {
    composer.prepend(button, picker);
    panel.addEventListener('dragover', (e) => {
      if (deps.chat()) e.preventDefault();
    });
    panel.addEventListener('drop', (e) => {
      if (!deps.chat()) return;
      e.preventDefault();
      for (const f of e.dataTransfer?.files ?? []) void upload(f);
    });
    panel.addEventListener('paste', (e) => {
      const list = [...(e.clipboardData?.files ?? [])];
      if (!deps.chat() || list.length === 0) return;
      e.preventDefault();
      for (const f of list) void upload(f);
    });
  }

  // "Email me this transcript": a link that opens a one-field form.
  const open = el('button', { type: 'button', class: 'ghost', 'data-lt': 'transcript' }, text.transcript);
  const email = el('input', { type: 'email', required: '', placeholder: text.email, 'data-lt': 'transcript-email' });
  const note = el('div', { class: 'note', 'data-lt': 'transcript-note' });
  const form = el(
    'form',
    // novalidate: the browser's own bubble would stop the submit before our message could say why.
    { class: 'row', hidden: '', novalidate: '', style: 'padding:0 8px' },
    email,
    el('button', { class: 'primary' }, text.submit),
  );
  open.onclick = () => show(form, form.hidden);
  form.onsubmit = (e) => {
    e.preventDefault();
    if (!email.checkValidity()) return void (note.textContent = text.transcriptResult.invalid_email ?? '');
    note.textContent = text.sending;
    deps.send({ type: 'chat.transcript', email: email.value.trim() });
  };
  const transcript = el('div', {}, open, form, note);

  function transcriptResult(m: TranscriptResult): void {
    note.textContent = (m.ok ? text.transcriptResult.ok : text.transcriptResult[m.reason]) ?? text.error;
    if (m.ok) show(form, false);
  }

  return { view, bind, transcript, transcriptResult };
}
