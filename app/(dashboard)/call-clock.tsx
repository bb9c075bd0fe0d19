'use client';
import { Typography } from 'antd';
import { useEffect, useState } from 'react';

/** A call's timer: minutes and seconds since it was answered, ticking each second. */
export function CallClock({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const s = Math.max(0, Math.round((now - since) / 1000));
  return (
    <Typography.Text data-testid="call-timer" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {Math.floor(s / 60)}:{String(s % 60).padStart(2, '0')}
    </Typography.Text>
  );
}
