import { dateTimeFormat, numberFormat } from '../../shared/domain/intl-formats.js';

test('a format is built once per locale and options, and formats as a fresh one does', () => {
  const a = dateTimeFormat('hi-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' });
  expect(dateTimeFormat('hi-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' })).toBe(a);
  expect(dateTimeFormat('hi-IN', { timeZone: 'Asia/Tbilisi', dateStyle: 'medium', timeStyle: 'short' })).not.toBe(a);
  expect(dateTimeFormat('ta-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' })).not.toBe(a);
  const at = new Date('2026-12-01T10:15:00Z');
  expect(a.format(at)).toBe(new Intl.DateTimeFormat('hi-IN', { timeZone: 'Asia/Kolkata', dateStyle: 'medium', timeStyle: 'short' }).format(at));
  const inr = numberFormat('en-IN', { style: 'currency', currency: 'INR' });
  expect(numberFormat('en-IN', { style: 'currency', currency: 'INR' })).toBe(inr);
  expect(numberFormat('en-IN', { style: 'currency', currency: 'GEL' })).not.toBe(inr);
  expect(inr.format('1499.5' as `${number}`)).toBe(new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR' }).format('1499.5' as `${number}`));
});

test('a format that cannot be built throws every time, and is not kept', () => {
  expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
  expect(() => numberFormat('en', { style: 'currency', currency: 'XX' })).toThrow(RangeError);
});
