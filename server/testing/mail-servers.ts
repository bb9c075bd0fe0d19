import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SmtpSettings } from '../contract/mail.ts';
import { tempDir } from './temp-dir.ts';

// Real mail servers on loopback for the mail tests: Debian's Dovecot as the IMAP server
// (scripts/install-dovecot.sh installs it; each test file starts its own with a config in a
// temp dir) and smtp-server as the relay, which delivers into Dovecot's mailboxes by IMAP
// APPEND so a reply really lands in the customer's INBOX.

export const DOVECOT = '/usr/sbin/dovecot';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Dovecot {
  port: number;
  /** A logged-in IMAP client of one user (the caller logs it out). */
  client(user: string): Promise<ImapFlow>;
  /** Puts a raw mail into the user's INBOX, as delivery would. */
  deliver(user: string, raw: string | Buffer): Promise<void>;
  /** The user's INBOX, parsed, oldest first. */
  inbox(user: string): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

/**
 * Dovecot with plain auth on loopback and a passwd-file of `users` (address → password).
 * Its login processes refuse to run as root, so under root they and the mail run as `nobody`.
 */
export async function startDovecot(users: Record<string, string>): Promise<Dovecot> {
  const dir = tempDir('dovecot');
  // Its parent too: Dovecot's processes run as another user and must reach the folder.
  chmodSync(dirname(dir), 0o755);
  chmodSync(dir, 0o755);
  for (const d of ['mail', 'home']) mkdirSync(join(dir, d), { mode: 0o777 });
  chmodSync(join(dir, 'mail'), 0o777);
  chmodSync(join(dir, 'home'), 0o777);
  const root = process.getuid?.() === 0;
  const uid = root ? 65534 : (process.getuid?.() ?? 1000);
  const gid = root ? 65534 : (process.getgid?.() ?? 1000);
  const login = root ? 'nobody' : userInfo().username;
  writeFileSync(
    join(dir, 'users'),
    Object.entries(users)
      .map(([user, pass]) => `${user}:{PLAIN}${pass}:${uid}:${gid}::${dir}/home/${user}`)
      .join('\n') + '\n',
  );
  const port = await freePort();
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${login}
default_login_user = ${login}
${root ? 'default_internal_group = nogroup\n' : ''}first_valid_uid = ${Math.min(uid, 500)}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ready(port, () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : ''));
  const client = async (user: string) => {
    const c = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user, pass: users[user] ?? '' },
      logger: false,
    });
    await c.connect();
    return c;
  };
  return {
    port,
    client,
    async deliver(user, raw) {
      const c = await client(user);
      try {
        await c.append('INBOX', raw);
      } finally {
        await c.logout();
      }
    },
    async inbox(user) {
      const c = await client(user);
      try {
        await c.mailboxOpen('INBOX');
        const all = await c.fetchAll('1:*', { source: true }).catch(() => []);
        return Promise.all(all.map((m) => simpleParser(m.source ?? Buffer.alloc(0))));
      } finally {
        await c.logout();
      }
    },
    async close() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until Dovecot greets as ready (its auth process answers a moment after it listens). */
async function ready(port: number, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const greeting = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (d) => {
        text += d.toString();
        if (/ready\./.test(text)) socket.end();
      });
      socket.on('error', () => resolve(''));
      socket.on('close', () => resolve(text));
      setTimeout(() => socket.destroy(), 2_000);
    });
    if (/Dovecot.*ready\./.test(greeting)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`dovecot did not start:\n${log()}`);
}

/** Settings for the loopback relay: no TLS, no login. */
export function relaySettings(port: number): SmtpSettings {
  return {
    host: '127.0.0.1',
    port,
    security: 'none',
    user: '',
    password: '',
    from: 'noreply@shop.test',
    fromName: 'Shop',
  };
}

export interface SmtpRelay {
  port: number;
  /** Every mail the relay accepted, raw, with its envelope recipients. */
  received: { to: string[]; raw: Buffer }[];
  /** Refuse (451) the next n mails: the outbox must retry them. */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

/** smtp-server on loopback (no TLS, any login); accepted mail goes to `deliver` per recipient. */
export async function startSmtpRelay(deliver: (to: string, raw: Buffer) => Promise<void>): Promise<SmtpRelay> {
  const received: SmtpRelay['received'] = [];
  let refuse = 0;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onAuth: (_auth, _session, callback) => callback(null, { user: 'relay' }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse > 0) {
          refuse--;
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          return callback(error);
        }
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        received.push({ to, raw });
        Promise.all(to.map((t) => deliver(t, raw))).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    refuseNext: (n) => void (refuse = n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
