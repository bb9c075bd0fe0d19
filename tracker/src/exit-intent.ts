import type { Send } from './events';
import { pageUrl } from './url';

/**
 * The pointer leaving through the top edge heads for the tabs, the address bar or the
 * close button. Sent once per page view; returns the function that re-arms it.
 */
export function trackExitIntent(send: Send): () => void {
  let sent = false;
  document.addEventListener('mouseout', (e) => {
    if (!sent && !e.relatedTarget && e.clientY <= 0) {
      sent = true;
      send({ type: 'exit_intent', url: pageUrl() });
    }
  });
  return () => {
    sent = false;
  };
}
