import * as z from 'zod';
import { CalendarDate, yearsFromToday } from '../../shared/schemas/common.js';
import { CreateRepairBody } from '../../shared/schemas/repair.js';
import { RegisterWarrantyBody } from '../../shared/schemas/warranties.js';

const messages = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('CalendarDate: real dates from 2000-01-01 to 2199-12-31', () => {
  test.each(['2000-01-01', '2026-02-28', '2028-02-29', '2199-12-31'])('%s is accepted', (day) => {
    expect(messages(CalendarDate, day)).toEqual([]);
  });

  test.each(['0000-01-01', '1999-12-31', '2200-01-01', '9999-12-31'])('%s → one message naming the range', (day) => {
    expect(messages(CalendarDate, day)).toEqual([': must be a date from 2000-01-01 to 2199-12-31']);
  });

  test.each(['2026-02-30', '2026-13-01', '26-03-01', 'garbage', '2026-03-01T00:00:00Z'])('%s → one message naming the form, not also the range', (day) => {
    expect(messages(CalendarDate, day)).toEqual([': must be a date in the form YYYY-MM-DD']);
  });
});

describe('yearsFromToday', () => {
  test('moves the UTC date by whole years', () => {
    const now = new Date('2026-11-27T23:30:00Z');
    expect(yearsFromToday(10, now)).toBe('2036-11-27');
    expect(yearsFromToday(-1, now)).toBe('2025-11-27');
    expect(yearsFromToday(0, now)).toBe('2026-11-27');
  });
});

describe('purchaseDate and warranty startsAt', () => {
  const intake = (purchaseDate: string) => ({
    channel: 'walk_in',
    customer: { name: 'Asha', phone: '+919812345678', language: 'hi', smsOptIn: true },
    device: { brand: 'OPPO', model: 'A78', purchaseDate },
    issue: { category: 'screen', description: 'cracked' },
  });
  const warranty = (startsAt: string) => ({ deviceId: 'SN12345678', kind: 'extended', startsAt, months: 12 });

  test('a purchase date may be today (or tomorrow in UTC) but not later, and not before 2000', () => {
    expect(messages(CreateRepairBody, intake(yearsFromToday(0)))).toEqual([]);
    expect(messages(CreateRepairBody, intake('2000-01-01'))).toEqual([]);
    expect(messages(CreateRepairBody, intake(yearsFromToday(1)))).toEqual(['device.purchaseDate: must not be in the future']);
    expect(messages(CreateRepairBody, intake('9999-12-31'))).toEqual(['device.purchaseDate: must be a date from 2000-01-01 to 2199-12-31']);
  });

  test('a warranty may start up to 10 years from today, not later', () => {
    expect(messages(RegisterWarrantyBody, warranty(yearsFromToday(9)))).toEqual([]);
    expect(messages(RegisterWarrantyBody, warranty(yearsFromToday(11)))).toEqual(['startsAt: must be at most 10 years from today']);
    expect(messages(RegisterWarrantyBody, warranty('0000-01-01'))).toEqual(['startsAt: must be a date from 2000-01-01 to 2199-12-31']);
  });
});
