'use client';
import { Alert, Button, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslations } from 'use-intl';

interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: { message: string; data?: { code?: string } | null } | null;
  refetch: () => unknown;
}

/** Loading, error (readable, with retry) and empty states for one query, then the content. */
export function QueryState<T>({
  query,
  isEmpty,
  rows = 4,
  children,
}: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  const t = useTranslations('common');
  if (query.isPending) return <Skeleton active paragraph={{ rows }} data-state="loading" />;
  if (query.isError || query.data === undefined) {
    const code = query.error?.data?.code;
    const known = code && ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'TOO_MANY_REQUESTS'].includes(code);
    return (
      <Alert
        type="error"
        showIcon
        data-state="error"
        title={t('errorTitle')}
        description={known ? t(`errors.${code as 'FORBIDDEN'}`) : (query.error?.message ?? t('errors.network'))}
        action={<Button onClick={() => void query.refetch()}>{t('retry')}</Button>}
      />
    );
  }
  if (isEmpty?.(query.data)) return <Empty data-state="empty" description={t('empty')} />;
  return <>{children(query.data)}</>;
}
