'use client';
import { Button, Result, Space } from 'antd';
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'use-intl';
import type { Role } from '@/server/contract/roles';
import { SCREEN_LABEL, screenOf, screensFor, type SiteScreen } from '@/app/_components/screens';

/**
 * One page in place of a screen this role may not open (a shared report link, an old
 * bookmark), instead of every refused query's error box. The server still refuses them.
 */
export function NotAllowed({
  siteId,
  caps,
  role,
}: {
  siteId: string | undefined;
  caps: ReadonlySet<string>;
  role: Role;
}) {
  const t = useTranslations('common');
  const pathname = usePathname();
  const router = useRouter();
  const screen = screenOf(pathname) as SiteScreen;
  const page =
    screen in SCREEN_LABEL
      ? t(`nav.${SCREEN_LABEL[screen]}`)
      : t(`nav.${pathname.split('/')[2] === 'users' ? 'users' : 'sites'}`);
  const open = siteId ? screensFor(caps) : [];
  return (
    <Result
      status="403"
      title={t('notAllowed.title')}
      subTitle={open.length ? t('notAllowed.subTitle', { role: t(`roles.${role}`), page }) : t('notAllowed.noneLeft')}
      data-testid="not-allowed"
      extra={
        <Space wrap style={{ justifyContent: 'center' }}>
          {open.map((s, i) => (
            <Button key={s} type={i === 0 ? 'primary' : 'default'} onClick={() => router.push(`/s/${siteId}/${s}`)}>
              {t(`nav.${SCREEN_LABEL[s]}`)}
            </Button>
          ))}
        </Space>
      }
    />
  );
}
