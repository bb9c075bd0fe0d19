'use client';
import { Typography } from 'antd';
import { ReportToolbar } from './report-toolbar';
import { useSite } from './use-site';

/** Title, date range and active filters: the top of every report screen. */
export function ReportHeader({ title }: { title: string }) {
  const { site } = useSite();
  return (
    <>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title} · {site?.name}
      </Typography.Title>
      <ReportToolbar timeZone={site?.timeZone ?? 'UTC'} />
    </>
  );
}
