/** E.164: '+', a country code that does not start with 0, up to 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/**
 * The only form of a phone number that leaves the API outside the call queue:
 * country prefix and last four digits, enough for a person to recognise it.
 */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '•'.repeat(phone.length);
  return phone.slice(0, 3) + '•'.repeat(phone.length - 7) + phone.slice(-4);
}

export function lastFour(phone: string): string {
  return phone.slice(-4);
}
