'use client';
import { Tag, Typography } from 'antd';
import { useTranslations } from 'use-intl';
import type { useFormat } from '@/app/_components/use-format';
import type { ChatMessage, RobotNote } from '@/server/contract/channels';
import { INLINE_TYPES, type ChatFile } from '@/server/contract/chat-files';
import { CALL_LINE } from '@/server/contract/calls';
import { teamLine } from '@/server/contract/team-lines';

export interface ShownMessage {
  key: string;
  sender: ChatMessage['sender'];
  body: string;
  at: number;
  /** Shown under an agent's (or the robot's) message; '' for none. */
  agentName: string;
  /** On the robot's messages: the article it answered from and its other guesses. */
  robot?: RobotNote;
  /** A file sent in the chat, with the address it is served from. */
  file?: ChatFile & { url: string };
  /** On staff messages (never shown to the visitor): a whisper or a transfer note. */
  staff?: ChatMessage['staff'];
}

const BACKGROUND: Record<ShownMessage['sender'], string> = {
  visitor: '#f3f4f6',
  agent: '#4f46e5',
  system: '#4f46e5',
  robot: '#0f766e',
  staff: '#b45309',
};

/** A transcript's bubbles: the visitor on the left, the agents and the robot on the right, each with its time in the site's zone. */
export function MessageList({ messages, fmt }: { messages: ShownMessage[]; fmt: ReturnType<typeof useFormat> }) {
  const t = useTranslations('robot');
  const tc = useTranslations('calls');
  const tt = useTranslations('teams');
  // A web call leaves a line in its chat: its duration, in words of the screen's language;
  // a transfer or a join leaves who serves the visitor now.
  const shown = (m: ShownMessage) => {
    const team = m.sender === 'system' ? teamLine(m.body) : null;
    if (team) return tt(team.kind === 'joined' ? 'joinedLine' : 'transferredLine', { name: team.name });
    return m.sender === 'system' && m.body.startsWith(CALL_LINE)
      ? tc('line', { duration: fmt.duration(Number(m.body.slice(CALL_LINE.length)) * 1000) })
      : m.body;
  };
  return messages.map((m) => (
    <div
      key={m.key}
      data-testid="chat-message"
      data-sender={m.sender}
      style={{ alignSelf: m.sender === 'visitor' ? 'flex-start' : 'flex-end', maxWidth: '75%' }}
    >
      <div
        style={{
          background: BACKGROUND[m.sender],
          color: m.sender === 'visitor' ? undefined : '#fff',
          padding: '8px 12px',
          borderRadius: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-word',
        }}
      >
        {m.file ? <FileView file={m.file} /> : shown(m)}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        {m.staff && (
          <Tag color="orange" style={{ fontSize: 11, marginInlineEnd: 4 }} data-testid="staff-mark">
            {tt(m.staff === 'note' ? 'noteTag' : 'whisperTag')}
          </Tag>
        )}
        {m.sender === 'robot' && (
          <Tag color="cyan" style={{ fontSize: 11, marginInlineEnd: 4 }} data-testid="robot-mark">
            {t('robot')}
          </Tag>
        )}
        {[m.sender === 'agent' || m.sender === 'robot' || m.sender === 'staff' ? m.agentName : '', fmt.time(m.at)]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      {m.robot && m.robot.guesses.length > 0 && (
        <div style={{ fontSize: 11 }} data-testid="robot-guesses">
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {m.robot.kind === 'decline' ? `${t('declined')} · ` : ''}
            {t('guesses')}:{' '}
            {m.robot.guesses
              .map((g) => `${g.question} (${t('confidence', { pct: Math.round(g.confidence * 100) })})`)
              .join(' · ')}
          </Typography.Text>
        </div>
      )}
    </div>
  ));
}

/** An image as a thumbnail that opens full size; any other file as a download link with its size. */
function FileView({ file }: { file: ChatFile & { url: string } }) {
  if (INLINE_TYPES.includes(file.type))
    return (
      <a href={file.url} target="_blank" rel="noopener noreferrer" data-testid="chat-file-image">
        <img
          src={file.url}
          alt={file.name}
          style={{ display: 'block', maxWidth: 220, maxHeight: 220, borderRadius: 8 }}
        />
      </a>
    );
  return (
    <a
      href={file.url}
      download={file.name}
      data-testid="chat-file"
      style={{ color: 'inherit', textDecoration: 'underline' }}
    >
      📄 {file.name} · {Math.max(1, Math.round(file.size / 1024))} KB
    </a>
  );
}
