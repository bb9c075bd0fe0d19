'use client';
import { useTranslations } from 'use-intl';

export const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
type Device = (typeof DEVICES)[number];
const isDevice = (v: string): v is Device => (DEVICES as readonly string[]).includes(v);

/**
 * A device class in the user's language. The store also holds '' (a user agent nobody could
 * classify) and, from imports, free text: those show as "Unknown" or as stored.
 */
export function useDeviceName(): (device: string) => string {
  const tc = useTranslations('common');
  return (device) => (isDevice(device) ? tc(`device.${device}`) : device || tc('unknown'));
}
