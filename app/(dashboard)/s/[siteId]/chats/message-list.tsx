'use client';
import { Typography } from 'antd';
import type { useFormat } from '@/app/_components/use-format';

export interface ShownMessage {
  key: string;
  sender: 'visitor' | 'agent' | 'system';
  body: string;
  at: number;
  /** Shown under an agent's message; '' for none. */
  agentName: string;
}

/** A transcript's bubbles: the visitor on the left, the agents on the right, each with its time in the site's zone. */
export function MessageList({ messages, fmt }: { messages: ShownMessage[]; fmt: ReturnType<typeof useFormat> }) {
  return messages.map((m) => (
    <div
      key={m.key}
      data-testid="chat-message"
      data-sender={m.sender}
      style={{ alignSelf: m.sender === 'visitor' ? 'flex-start' : 'flex-end', maxWidth: '75%' }}
    >
      <div
        style={{
          background: m.sender === 'visitor' ? '#f3f4f6' : '#4f46e5',
          color: m.sender === 'visitor' ? undefined : '#fff',
          padding: '8px 12px',
          borderRadius: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-word',
        }}
      >
        {m.body}
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
        {[m.sender === 'agent' ? m.agentName : '', fmt.time(m.at)].filter(Boolean).join(' · ')}
      </Typography.Text>
    </div>
  ));
}
