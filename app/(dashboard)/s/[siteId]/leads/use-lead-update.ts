'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTRPC, type RouterOutputs } from '@/app/_lib/trpc';

type ListData = RouterOutputs['lead']['list'];

/**
 * Status, owner and notes edits. The cached lists change at once (a status select must not
 * snap back while the write travels), roll back on failure, and are refetched either way
 * so the server's version (and the owner's name) wins.
 */
export function useLeadUpdate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const lists = trpc.lead.list.pathFilter();
  return useMutation(
    trpc.lead.update.mutationOptions({
      onMutate: async ({ leadId, patch }) => {
        await queryClient.cancelQueries(lists);
        const previous = queryClient.getQueriesData<ListData>(lists);
        queryClient.setQueriesData<ListData>(
          lists,
          (data) => data && { ...data, rows: data.rows.map((r) => (r.leadId === leadId ? { ...r, ...patch } : r)) },
        );
        return { previous };
      },
      onError: (error, _input, context) => {
        for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
        void message.error(error.message);
      },
      onSettled: () => queryClient.invalidateQueries(lists),
    }),
  );
}
