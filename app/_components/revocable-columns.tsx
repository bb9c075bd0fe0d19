'use client';
import { Button, Popconfirm, Tag } from 'antd';
import type { Column } from './data-table';

/** The labels a list of revocable secrets needs, from its own namespace (a link is 撤销, a key 吊销). */
type RevokeText = (
  key: 'status' | 'active' | 'revoke' | 'revokeConfirm' | 'revoked',
  values?: { at: string },
) => string;

/**
 * The status and revoke columns of a list of revocable secrets (API keys, share links):
 * active or revoked with its time, and a confirmed Revoke on active rows. Test ids are
 * `${testId}-revoke-${name}` and `${testId}-revoke-ok`.
 */
export function revocableColumns<R extends { revokedAt: number; name: string }>(o: {
  t: RevokeText;
  cancel: string;
  dateTime: (ms: number) => string;
  testId: string;
  onRevoke: (row: R) => void;
}): Column<R>[] {
  const { t } = o;
  return [
    {
      key: 'status',
      title: t('status'),
      csvTitle: 'revoked',
      value: (r) => r.revokedAt,
      render: (r) =>
        r.revokedAt > 0 ? (
          <Tag color="red">{t('revoked', { at: o.dateTime(r.revokedAt) })}</Tag>
        ) : (
          <Tag color="green">{t('active')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: '',
      sortable: false,
      value: () => '',
      render: (r) =>
        r.revokedAt === 0 && (
          <Popconfirm
            title={t('revokeConfirm')}
            okText={t('revoke')}
            okButtonProps={{ danger: true, 'data-testid': `${o.testId}-revoke-ok` }}
            cancelText={o.cancel}
            onConfirm={() => o.onRevoke(r)}
          >
            <Button size="small" danger data-testid={`${o.testId}-revoke-${r.name}`}>
              {t('revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
}
