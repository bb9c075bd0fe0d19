'use client';
import { Typography } from 'antd';
import { useTranslations } from 'use-intl';

/**
 * Who a visitor is, as plain text: known name, else email, else phone, else "Anonymous"
 * with the start of the id. Visitor-supplied strings are React text, never HTML.
 */
export function VisitorLabel({
  visitorId,
  name,
  email,
  phone,
}: {
  visitorId: string;
  name: string;
  email: string;
  phone: string;
}) {
  const t = useTranslations('visitors');
  const known = name || email || phone;
  if (!known)
    return (
      <Typography.Text type="secondary">
        {t('anonymous')} · {visitorId.slice(0, 8)}
      </Typography.Text>
    );
  const detail = name ? email || phone : email && phone;
  return (
    <>
      {known}
      {detail && <Typography.Text type="secondary"> · {detail}</Typography.Text>}
    </>
  );
}

/** The same, as one string (a page title). */
export function visitorText(
  t: (key: 'anonymous') => string,
  p: { visitorId: string; name: string; email: string; phone: string },
): string {
  return p.name || p.email || p.phone || `${t('anonymous')} · ${p.visitorId.slice(0, 8)}`;
}
