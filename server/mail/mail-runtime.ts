import { processSingleton } from '../process-singleton.ts';
import type { MailOutbox } from './outbox.ts';
import type { MailboxPoller } from './mailbox-poller.ts';

/**
 * The server's outbox and poller, for tRPC (run inside Next, which loads its own module
 * copies): the settings page's test message and "check the mailbox now" reach the one instance.
 */
export function mailRuntime(): { outbox: MailOutbox | null; poller: MailboxPoller | null } {
  return processSingleton('mailRuntime', () => ({ outbox: null, poller: null }));
}
