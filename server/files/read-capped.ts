import type { IncomingMessage } from 'node:http';

/** The whole body, or 'too_large' once it passes `max` bytes (the rest is drained, not kept), or 'aborted'. */
export function readCapped(req: IncomingMessage, max: number): Promise<Buffer | 'too_large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) over = true;
      if (!over) chunks.push(chunk);
    });
    req.once('end', () => resolve(over ? 'too_large' : Buffer.concat(chunks)));
    req.once('aborted', () => resolve('aborted'));
    req.once('error', () => resolve('aborted'));
  });
}
