'use client';
import { Select, Tag } from 'antd';
import { useTranslations } from 'use-intl';
import { LEAD_STATUSES, type LeadStatus } from '@/server/contract/lead-schema';

export const STATUS_COLORS: Record<LeadStatus, string> = {
  new: 'blue',
  contacted: 'cyan',
  qualified: 'gold',
  won: 'green',
  lost: 'default',
};

/** A lead's status: a select for users who may work leads, a tag for everyone else. */
export function LeadStatusSelect({
  status,
  editable,
  onChange,
}: {
  status: string;
  editable: boolean;
  onChange: (status: LeadStatus) => void;
}) {
  const t = useTranslations('leads');
  const known = (LEAD_STATUSES as readonly string[]).includes(status) ? (status as LeadStatus) : null;
  if (!editable || !known)
    return <Tag color={known ? STATUS_COLORS[known] : 'default'}>{known ? t(`statuses.${known}`) : status}</Tag>;
  return (
    <Select<LeadStatus>
      size="small"
      value={known}
      style={{ minWidth: 120 }}
      aria-label={t('status')}
      data-testid="lead-status"
      onClick={(e) => e.stopPropagation()}
      onChange={onChange}
      options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
    />
  );
}
