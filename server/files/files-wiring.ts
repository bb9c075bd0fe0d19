import type { ClickHouseClient } from '@clickhouse/client';
import type { OriginPolicy } from '../auth/request-origin.ts';
import { realtimeBus } from '../bus/bus.ts';
import type { ChatAttachments } from '../chat/chat-attachments.ts';
import { ChatFileStore } from '../chat/chat-files.ts';
import { FileLinks } from './file-links.ts';
import { createFileRoute, type FileLimits } from './file-route.ts';

/** Chat files in the one process: the store under the data dir, signed links, the HTTP route, and erasure of their bytes. */
export function startFiles(deps: {
  ch: ClickHouseClient;
  files: ChatAttachments;
  dir: string;
  limits: FileLimits;
  originPolicy: OriginPolicy;
}) {
  const store = new ChatFileStore(deps.ch, deps.dir);
  const links = new FileLinks(deps.dir);
  const route = createFileRoute({ ...deps, store, links });
  // An erasure runs in tRPC (inside Next) and deletes the rows; the bytes go here.
  const stop = realtimeBus().subscribe('erased', ({ siteId, visitorIds }) => {
    store.erase(siteId, visitorIds).catch((error: unknown) => console.error('files: erasure incomplete', error));
  });
  return { store, links, route, close: stop };
}
