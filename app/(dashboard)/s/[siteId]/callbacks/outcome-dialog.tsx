'use client';
import { Form, Input, Modal, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { CALLBACK_OUTCOMES, type CallbackOutcome, type CallbackOutcomeInput } from '@/server/contract/callbacks';

/** The site's wall clock at `ms`, as a datetime-local value ('sv-SE' prints 2026-12-04 10:00:00). */
const onSiteClock = (ms: number, timeZone: string) =>
  new Date(ms).toLocaleString('sv-SE', { timeZone }).replace(' ', 'T').slice(0, 16);

/**
 * What happened on the call. "Call again at" is picked on the site's clock with the native
 * picker (the server reads the wall time in the site's zone), an hour ahead by default.
 */
export function OutcomeDialog({
  open,
  timeZone,
  saving,
  onSave,
  onCancel,
}: {
  open: boolean;
  timeZone: string;
  saving: boolean;
  onSave: (result: CallbackOutcomeInput) => void;
  onCancel: () => void;
}) {
  const t = useTranslations('callbacks');
  const [outcome, setOutcome] = useState<CallbackOutcome>('reached');
  const [at, setAt] = useState('');
  useEffect(() => {
    if (!open) return;
    setOutcome('reached');
    setAt(onSiteClock(Date.now() + 3_600_000, timeZone));
  }, [open, timeZone]);
  const again = outcome === 'call_again';
  return (
    <Modal
      open={open}
      title={t('outcomeTitle')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: again && !at, 'data-testid': 'callback-outcome-save' }}
      onOk={() => onSave(again ? { outcome, at } : { outcome })}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item>
          <Radio.Group
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as CallbackOutcome)}
            data-testid="callback-outcome"
            options={CALLBACK_OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          />
        </Form.Item>
        {again && (
          <Form.Item
            label={t('againAt')}
            extra={<Typography.Text type="secondary">{t('againAtHint', { zone: timeZone })}</Typography.Text>}
          >
            <Input
              type="datetime-local"
              value={at}
              min={onSiteClock(Date.now(), timeZone)}
              onChange={(e) => setAt(e.target.value)}
              data-testid="callback-again-at"
              style={{ maxWidth: 260 }}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
