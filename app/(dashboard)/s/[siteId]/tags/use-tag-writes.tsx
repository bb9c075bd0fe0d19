'use client';
import { useQueryClient } from '@tanstack/react-query';
import { App, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTRPC } from '@/app/_lib/trpc';

/** What every write on the Tags screen does after it: say so, then reload every tag query. */
export function useTagWrites() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return {
    done: async (text: string, then?: () => void) => {
      then?.();
      void message.success(text);
      await queryClient.invalidateQueries(trpc.tag.pathFilter());
    },
    failed: (error: { message: string }) => void message.error(error.message),
  };
}

/** A tab's explanation beside its "new" button. */
export function TabIntro({ text, action }: { text: string; action: ReactNode }) {
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
      <Typography.Text type="secondary">{text}</Typography.Text>
      {action}
    </Space>
  );
}
