/**
 * Intl formats, each built once per container and kept: building one costs ~0.1 ms (its locale
 * data is looked up and compiled), and a page or an SMS needs the same few on every request. The
 * keys are bounded: 11 languages × the stores' time zones and currencies × a handful of styles.
 * A format that cannot be built (an unknown zone or currency) throws, as the constructor does, and
 * is not kept.
 */
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/** The format kept under `key`, built by `build` the first time (callers with a cheap key of their own use it directly). */
export function keptFormat<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => T): T {
  let format = formats.get(key) as T | undefined;
  if (!format) {
    format = build();
    formats.set(key, format);
  }
  return format;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return keptFormat(`date ${locale} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return keptFormat(`number ${locale} ${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}
