import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp } from './handler.ts';

const request = (forwarded: string | string[] | undefined, socket = '10.0.0.2') =>
  ({
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    socket: { remoteAddress: socket },
  }) as unknown as IncomingMessage;

describe('clientIp', () => {
  it('takes the address the trusted proxy appended, not one the client wrote before it', () => {
    expect(clientIp(request('6.6.6.6, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientIp(request(['6.6.6.6', '198.51.100.7']), true)).toBe('198.51.100.7');
    expect(clientIp(request('203.0.113.9'), true)).toBe('203.0.113.9');
  });

  it('ignores the header without a trusted proxy, and falls back to the socket', () => {
    expect(clientIp(request('6.6.6.6'), false)).toBe('10.0.0.2');
    expect(clientIp(request(undefined), true)).toBe('10.0.0.2');
    expect(clientIp(request(' , '), true)).toBe('10.0.0.2');
  });
});
