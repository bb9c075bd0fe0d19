import { DAY, HOUR, MINUTE } from './rhythm.ts';

/** A visitor asking for a callback picks a morning or afternoon slot on the next day (local time, UTC+8 in the demo). */
function slotOf(at: number) {
  return { date: new Date(at + 8 * HOUR + DAY).toISOString().slice(0, 10), morning: Math.floor(at / MINUTE) % 2 === 0 };
}

export function callbackSlot(at: number): string {
  const { date, morning } = slotOf(at);
  return `${date} ${morning ? '10:00-12:00' : '14:00-17:00'}`;
}

/** The start of that slot as an instant: the preferred time the widget would send. */
export function callbackSlotStart(at: number): string {
  const { date, morning } = slotOf(at);
  return new Date(`${date}T${morning ? '10' : '14'}:00:00+08:00`).toISOString();
}
