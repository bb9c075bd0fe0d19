'use client';
import { MenuOutlined, SafetyOutlined, LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Segmented, Select, Spin, Typography } from 'antd';
import Link from '@/app/_components/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslations } from 'use-intl';
import { useLocale } from '@/app/_i18n/locale-provider';
import type { Locale } from '@/app/_i18n/messages';
import { useTRPC } from '@/app/_lib/trpc';
import { ChatAlerts } from './chat-alerts';
import { CallbackAlerts } from './callback-alerts';
import { CallPanel } from './call-panel';
import { AlertBell } from './alert-bell';
import { CarriedLink } from '@/app/_components/carried-link';
import { carriedQuery } from '@/app/_components/use-report-params';
import { groupedScreens, mayOpen, SCREEN_LABEL, screenOf, screensFor } from '@/app/_components/screens';
import { useLastSite } from '@/app/_components/use-last-site';
import { useMe, useSite } from '@/app/_components/use-site';
import { NotAllowed } from './not-allowed';
import { NAV_COUNT, SCREEN_ICON } from './nav-icons';

/** Navigation, site picker, language switch and account menu around every screen. */
export function DashboardShell({ children }: { children: ReactNode }) {
  const t = useTranslations('common');
  const me = useMe();
  const { siteId, sites } = useSite();
  const navSiteId = useLastSite(
    siteId,
    sites.data?.map((s) => s.id),
  );
  const router = useRouter();
  const pathname = usePathname();
  const { locale, setLocale } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Below md (768 px) the menu folds into a drawer behind a header button; until the first
  // measurement the desktop layout shows, as it did before.
  const phone = Grid.useBreakpoint().md === false;
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        queryClient.clear();
        router.replace('/sign-in');
      },
    }),
  );

  // Back to the same screen with its filters after signing in (a shared or bookmarked report
  // link); the address is read here, as the shell stays out of useSearchParams.
  useEffect(() => {
    if (me.error?.data?.code !== 'UNAUTHORIZED') return;
    router.replace(`/sign-in?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, [me.error, router]);

  if (me.isPending || !me.data) return <Spin fullscreen />;
  const caps = new Set(me.data.capabilities);
  const screen = screenOf(pathname);
  // Read at the moment of the switch: the shell itself stays out of useSearchParams (see CarriedLink).
  const carried = () => {
    const q = carriedQuery(new URLSearchParams(window.location.search));
    return q ? `?${q}` : '';
  };
  const items = [
    ...(navSiteId
      ? groupedScreens(screensFor(caps)).map(([group, keys]) => ({
          type: 'group' as const,
          key: `group-${group}`,
          label: t(`nav.group.${group}`),
          children: keys.map((key) => {
            const href = `/s/${navSiteId}/${key}`;
            const Count = NAV_COUNT[key];
            const count = Count ? <Count siteId={navSiteId} /> : null;
            return {
              key,
              icon: SCREEN_ICON[key],
              label: (
                <CarriedLink href={href}>
                  {t(`nav.${SCREEN_LABEL[key]}`)}
                  {count && <> {count}</>}
                </CarriedLink>
              ),
            };
          }),
        }))
      : []),
    caps.has('admin:sites') && {
      key: 'settings',
      icon: <SettingOutlined />,
      label: t('nav.settings'),
      children: [
        { key: 'settings-sites', label: <Link href="/settings/sites">{t('nav.sites')}</Link> },
        { key: 'settings-api', label: <Link href="/settings/api">{t('nav.api')}</Link> },
        { key: 'settings-mail', label: <Link href="/settings/mail">{t('nav.mail')}</Link> },
        { key: 'settings-channels', label: <Link href="/settings/channels">{t('nav.channels')}</Link> },
        { key: 'settings-alerts', label: <Link href="/settings/alerts">{t('nav.alerts')}</Link> },
        ...(caps.has('admin:users')
          ? [
              { key: 'settings-users', label: <Link href="/settings/users">{t('nav.users')}</Link> },
              { key: 'settings-groups', label: <Link href="/settings/groups">{t('nav.groups')}</Link> },
            ]
          : []),
        // Tags are managed per site on its Tags screen; Settings leads there too.
        ...(navSiteId && caps.has('tags:manage')
          ? [
              {
                key: 'settings-tags',
                label: <Link href={`/s/${navSiteId}/tags?tab=tags`}>{t('nav.tagSettings')}</Link>,
              },
            ]
          : []),
      ],
    },
  ].filter(Boolean) as NonNullable<Parameters<typeof Menu>[0]['items']>;
  const selected = pathname.startsWith('/settings/') ? `settings-${pathname.split('/')[2]}` : screen;

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selected]}
      defaultOpenKeys={['settings']}
      items={items}
      style={{ borderInlineEnd: 0 }}
      data-testid="nav-menu"
      onClick={() => setMenuOpen(false)}
    />
  );
  const brand = <div style={{ padding: '18px 20px', fontWeight: 700, fontSize: 18, color: '#4f46e5' }}>LeadTrail</div>;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {phone ? (
        <Drawer
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          placement="left"
          size={260}
          closable={false}
          styles={{ body: { padding: 0 } }}
        >
          {brand}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          width={220}
          theme="light"
          breakpoint="lg"
          collapsedWidth={64}
          style={{ borderRight: '1px solid #eef0f4' }}
        >
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: phone ? '0 12px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: phone ? 8 : 16,
            borderBottom: '1px solid #eef0f4',
          }}
        >
          {phone && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t('nav.menu')}
              onClick={() => setMenuOpen(true)}
              data-testid="menu-toggle"
            />
          )}
          {!phone && <Typography.Text type="secondary">{t('nav.site')}</Typography.Text>}
          <Select
            style={phone ? { flex: 1, minWidth: 0 } : { minWidth: 200 }}
            value={sites.data?.some((s) => s.id === navSiteId) ? navSiteId : undefined}
            placeholder={t('nav.site')}
            aria-label={t('nav.site')}
            loading={sites.isPending}
            data-testid="site-picker"
            options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            onChange={(id: string) =>
              router.push(`/s/${id}/${screen || (screensFor(caps)[0] ?? 'overview')}${carried()}`)
            }
          />
          {!phone && <div style={{ flex: 1 }} />}
          {navSiteId && <AlertBell siteId={navSiteId} />}
          <Segmented<Locale>
            value={locale}
            size={phone ? 'small' : 'middle'}
            aria-label={t('nav.language')}
            data-testid="language-switch"
            options={[
              { value: 'en', label: 'EN' },
              { value: 'zh', label: '中文' },
            ]}
            onChange={setLocale}
          />
          <Dropdown
            menu={{
              items: [
                { key: 'account', icon: <SafetyOutlined />, label: <Link href="/account">{t('nav.account')}</Link> },
                { key: 'out', icon: <LogoutOutlined />, label: t('nav.signOut'), onClick: () => signOut.mutate() },
              ],
            }}
          >
            <span
              style={{ cursor: 'pointer', display: 'flex', alignItems: 'center', gap: 8, flexShrink: 0 }}
              data-testid="account-menu"
              aria-label={me.data.name}
            >
              <Avatar size="small" icon={<UserOutlined />} />
              {/* A phone keeps the avatar; the name and role are in the menu's place on wider screens. */}
              {!phone && <span>{me.data.name}</span>}
              {!phone && <Typography.Text type="secondary">{t(`roles.${me.data.role}`)}</Typography.Text>}
            </span>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
          {mayOpen(pathname, caps) ? children : <NotAllowed siteId={navSiteId} caps={caps} role={me.data.role} />}
        </Layout.Content>
        {navSiteId && caps.has('chat:serve') && <ChatAlerts siteId={navSiteId} />}
        {navSiteId && caps.has('callbacks:work') && <CallbackAlerts siteId={navSiteId} />}
        {navSiteId && caps.has('chat:serve') && <CallPanel siteId={navSiteId} />}
      </Layout>
    </Layout>
  );
}
