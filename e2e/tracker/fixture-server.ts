import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { collectPayload, type CollectPayload } from '../../server/ingest/payload';

const TRACKER = fileURLToPath(new URL('../../tracker/dist/t.js', import.meta.url));

/**
 * A real HTTP server for tracker specs: serves the BUILT snippet and pages made on the
 * fly, and records (after validating against the ingest contract) every payload.
 */
export async function startFixtureServer(): Promise<{ base: string; received: CollectPayload[]; server: Server; page(path: string, html: string): void }> {
  const pages = new Map<string, string>();
  const received: CollectPayload[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/t.js') {
      res.writeHead(200, { 'content-type': 'application/javascript' });
      res.end(readFileSync(TRACKER));
      return;
    }
    if (path === '/api/collect') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(collectPayload.parse(JSON.parse(body)));
        res.writeHead(202);
        res.end('ok');
      });
      return;
    }
    const html = pages.get(path);
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, received, server, page: (path, html) => pages.set(path, html) };
}

export const STUB = `<script>window.leadtrail = window.leadtrail || function(){(window.leadtrail.q = window.leadtrail.q || []).push(arguments)}</script>`;

export function html(title: string, body: string, attrs = 'data-site="site-fixture"', head = ''): string {
  return `<!doctype html><html><head><title>${title}</title>${head}<script async src="/t.js" ${attrs}></script></head><body>${body}</body></html>`;
}
