// Inside a shadow root: the page's CSS cannot reach the widget, nor the widget's the page.
export const CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
.root { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; flex-direction: column; align-items: flex-end; gap: 12px; font-size: 14px; color: #1f2937; }
button { cursor: pointer; font: inherit; border: 0; border-radius: 8px; padding: 8px 14px; }
.primary { background: #2563eb; color: #fff; }
.primary:disabled { opacity: .6; cursor: default; }
.ghost { background: transparent; color: #4b5563; }
.launcher { background: #2563eb; color: #fff; border-radius: 24px; padding: 12px 20px; box-shadow: 0 6px 20px rgba(37,99,235,.35); font-weight: 600; }
.launcher.call { background: #059669; box-shadow: 0 6px 20px rgba(5,150,105,.35); }
.hangup { background: #dc2626; color: #fff; }
.card, .panel { background: #fff; border-radius: 12px; box-shadow: 0 12px 40px rgba(15,23,42,.18); width: 340px; max-width: calc(100vw - 40px); }
.card { padding: 16px; }
.card .who { font-weight: 600; margin-bottom: 6px; }
.card .msg { margin-bottom: 12px; white-space: pre-wrap; word-break: break-word; }
.row { display: flex; gap: 8px; justify-content: flex-end; }
.panel { display: flex; flex-direction: column; height: 480px; max-height: calc(100vh - 100px); overflow: hidden; }
.head { background: #2563eb; color: #fff; padding: 12px 16px; display: flex; justify-content: space-between; align-items: center; font-weight: 600; }
.head button { color: #fff; background: transparent; padding: 0 4px; font-size: 18px; }
.body { flex: 1; overflow-y: auto; padding: 12px 16px; display: flex; flex-direction: column; gap: 8px; }
.intro, .status, .note { color: #6b7280; font-size: 13px; }
label { display: flex; flex-direction: column; gap: 4px; font-size: 12px; color: #4b5563; }
input, textarea { font: inherit; border: 1px solid #d1d5db; border-radius: 8px; padding: 8px 10px; color: #111827; }
textarea { resize: none; }
.tabs { display: flex; gap: 4px; }
.tabs button { background: #f3f4f6; color: #374151; flex: 1; }
.tabs button[aria-selected="true"] { background: #dbeafe; color: #1d4ed8; }
.msgs { display: flex; flex-direction: column; gap: 6px; }
.bubble { max-width: 80%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; word-break: break-word; }
.bubble.visitor { align-self: flex-end; background: #2563eb; color: #fff; }
.bubble.agent, .bubble.system, .bubble.robot { align-self: flex-start; background: #f3f4f6; }
.bubble.robot { white-space: normal; }
.answer p, .answer ul, .answer ol { margin: 0 0 6px; }
.answer ul, .answer ol { padding-left: 18px; }
.bubble a { color: #1d4ed8; }
.selfservice { display: inline-block; margin: 4px 0; padding: 6px 12px; border-radius: 8px; background: #2563eb; color: #fff !important; text-decoration: none; }
.rate { display: flex; gap: 6px; font-size: 12px; color: #6b7280; }
.rate button { background: #fff; border: 1px solid #d1d5db; padding: 4px 10px; font-size: 12px; }
.bubble.pending { opacity: .6; }
.thumb { display: block; max-width: 180px; max-height: 180px; border-radius: 8px; cursor: zoom-in; }
.chip { background: #fff; color: #1d4ed8; border: 1px solid #d1d5db; padding: 6px 10px; text-align: left; word-break: break-all; }
.composer .ghost { padding: 8px 6px; }
.composer { border-top: 1px solid #e5e7eb; padding: 8px; display: flex; gap: 8px; align-items: flex-end; }
.composer textarea { flex: 1; height: 40px; }
.stars { display: flex; gap: 4px; }
.stars { flex-wrap: wrap; }
.stars button { background: #fef3c7; color: #b45309; padding: 6px 10px; }
@media (max-width: 480px) {
  .root { right: 12px; bottom: 12px; left: 12px; pointer-events: none; }
  .root > * { pointer-events: auto; }
  .card, .panel { width: 100%; max-width: none; }
  .panel { height: calc(100vh - 24px); height: calc(100dvh - 24px); max-height: none; }
  .root.open .launcher { display: none; }
}
[hidden] { display: none !important; }
`;
