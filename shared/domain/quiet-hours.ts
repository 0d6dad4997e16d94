import { addDays, localDate, localMinutes, zonedInstant } from './calendar.js';

/** Customers get reminders between 09:00 and 20:00 of the store's clock, never at night. */
export const SMS_WINDOW = { startMinutes: 9 * 60, endMinutes: 20 * 60 } as const;

export function insideSmsWindow(instant: Date, timeZone: string): boolean {
  const minutes = localMinutes(instant, timeZone);
  return minutes >= SMS_WINDOW.startMinutes && minutes < SMS_WINDOW.endMinutes;
}

/** `instant` itself when inside the window, else the next 09:00 in the store's time zone. */
export function nextSmsWindow(instant: Date, timeZone: string): Date {
  if (insideSmsWindow(instant, timeZone)) return instant;
  const today = localDate(instant, timeZone);
  const day = localMinutes(instant, timeZone) < SMS_WINDOW.startMinutes ? today : addDays(today, 1);
  return zonedInstant(day, SMS_WINDOW.startMinutes, timeZone);
}
