import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { fileTypeFromBuffer } from 'file-type';
import { TABLES } from '../../clickhouse/tables.ts';
import { FILE_TYPES, type ChatFile } from '../contract/chat-files.ts';
import { cleanText } from '../text/clean-text.ts';

// Files of chats on disk, one folder per site and visitor id (`<data dir>/files/<site>/<visitor>/`),
// so erasing a person removes their folders whole. The type is sniffed from the bytes; the
// name's extension must agree with it, so a page renamed `.png` or a script renamed `.pdf`
// is refused rather than served under a type it is not.

type FileType = (typeof FILE_TYPES)[number];

/** The extension a name must end in for each type. */
const BY_EXTENSION: Record<string, FileType> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** Markup that a browser would run if it were ever shown as a page: never kept, whatever the name. */
const MARKUP = /<\s*(svg|html|script|!doctype|iframe|object|body)\b/i;

/** The sniffed type of `bytes` named `name`, or null when it is not allowed or the name lies about it. */
export async function sniffType(bytes: Buffer, name: string): Promise<FileType | null> {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const claimed = BY_EXTENSION[ext];
  const found = await fileTypeFromBuffer(bytes);
  let sniffed: FileType | null;
  if (!found) sniffed = isPlainText(bytes) ? (claimed === 'text/csv' ? 'text/csv' : 'text/plain') : null;
  // Old Office files are one container format (CFB): which of the three it is, the name says.
  else if (found.mime === 'application/x-cfb')
    sniffed = claimed === 'application/msword' || claimed?.startsWith('application/vnd.ms-') ? claimed : null;
  else sniffed = (FILE_TYPES as readonly string[]).includes(found.mime) ? (found.mime as FileType) : null;
  if (!sniffed) return null;
  // No extension: the bytes decide. An extension must name what the bytes are.
  if (ext && claimed !== sniffed) return null;
  return sniffed;
}

/** UTF-8 text without NULs and without markup a browser would execute. */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !MARKUP.test(text);
}

const safe = (s: string) => s.replace(/[^\w.-]/g, '_').slice(0, 120) || '_';
const relativePath = (siteId: string, visitorId: string, fileId: string) => join(safe(siteId), safe(visitorId), fileId);

/** A name as shown and sent in Content-Disposition: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = cleanText(name).split(/[\\/]/).pop() ?? '';
  return base.trim().slice(-200) || 'file';
}

export interface KeepInput {
  siteId: string;
  chatId: string;
  /** The chat's visitor, whoever sent it: their erasure takes the file. */
  visitorId: string;
  uploader: 'visitor' | 'agent' | 'email';
  name: string;
  bytes: Buffer;
  /** The type sniffed already (sniffType). */
  type: string;
  /** A fixed id (a mail's attachment, kept again after a refetch); else a random one. */
  id?: string;
}

/** Where chat files are kept, and their rows. */
export class ChatFileStore {
  constructor(
    private readonly ch: ClickHouseClient,
    readonly dir: string,
  ) {}

  /** Writes the bytes (whole or not at all), then the row; resolves once both are stored. */
  async keep(input: KeepInput, now = Date.now()): Promise<ChatFile> {
    const id = input.id ?? `f_${randomBytes(16).toString('base64url')}`;
    const rel = relativePath(input.siteId, input.visitorId, id);
    const file = join(this.dir, rel);
    await mkdir(join(this.dir, safe(input.siteId), safe(input.visitorId)), { recursive: true });
    await writeFile(`${file}.tmp`, input.bytes);
    await rename(`${file}.tmp`, file);
    const name = cleanFileName(input.name);
    await this.ch.insert({
      table: TABLES.chatFiles,
      values: [
        {
          site_id: input.siteId,
          file_id: id,
          chat_id: input.chatId,
          visitor_id: input.visitorId,
          uploader: input.uploader,
          name,
          mime: input.type,
          size: input.bytes.length,
          sha256: createHash('sha256').update(input.bytes).digest('hex'),
          storage: 'files',
          path: rel,
          created_at: now,
        },
      ],
      format: 'JSONEachRow',
    });
    return { id, name, size: input.bytes.length, type: input.type };
  }

  /** The bytes' place on disk for a stored row's relative path. */
  pathOf(rel: string): string {
    return join(this.dir, rel);
  }

  /** Where a file of this chat's visitor is, without reading its row. */
  locate(siteId: string, visitorId: string, fileId: string): string {
    return join(this.dir, relativePath(siteId, visitorId, fileId));
  }

  /** An erasure: every file kept for these visitor ids goes (their rows are deleted by server/privacy/). */
  async erase(siteId: string, visitorIds: string[]): Promise<void> {
    for (const id of visitorIds) await rm(join(this.dir, safe(siteId), safe(id)), { recursive: true, force: true });
  }
}
