import { countSegments, isGsm7 } from '../../../shared/notify/segments.js';

const EXTENSION_CHARS = ['^', '{', '}', '\\', '[', '~', ']', '|', '€', '\f'];
const DEVANAGARI_A = 'अ'; // one UTF-16 unit, not GSM-7
const EMOJI = '😀'; // outside the BMP: a surrogate pair

describe('countSegments, GSM-7', () => {
  test('empty text is one (empty) GSM-7 segment', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 1 });
  });

  test.each([
    [160, 1],
    [161, 2],
    [153 * 2, 2],
    [153 * 2 + 1, 3],
    [153 * 3, 3],
    [153 * 3 + 1, 4],
  ])('%i plain characters → %i segment(s)', (length, segments) => {
    expect(countSegments('a'.repeat(length))).toEqual({ encoding: 'GSM-7', units: length, segments });
  });

  test('the whole basic table is GSM-7 at one septet each', () => {
    const basic =
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
    expect(basic).toHaveLength(127);
    expect(countSegments(basic)).toEqual({ encoding: 'GSM-7', units: 127, segments: 1 });
  });

  test.each(EXTENSION_CHARS.map((char) => [JSON.stringify(char), char]))(
    'extension character %s costs two septets',
    (_label, char) => {
      expect(countSegments(char)).toEqual({ encoding: 'GSM-7', units: 2, segments: 1 });
      expect(countSegments(`a${char}b`).units).toBe(4);
    },
  );

  test('80 € are 160 septets: one segment; 81 are two', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('€'.repeat(81))).toEqual({ encoding: 'GSM-7', units: 162, segments: 2 });
  });

  test('an escape pair is never split across segments', () => {
    // 306 septets would fit 2 × 153, but the € at septets 153–154 moves whole to segment 2,
    // which then overflows by one septet.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(countSegments(text)).toEqual({ encoding: 'GSM-7', units: 306, segments: 3 });
    // Without the straddle the same total is two segments.
    expect(countSegments(`€${'a'.repeat(304)}`)).toEqual({ encoding: 'GSM-7', units: 306, segments: 2 });
  });

  test('Latin characters outside the GSM alphabet are not GSM-7', () => {
    for (const char of ['ç', 'â', '`', '’', '₹', '\u00a0', '\u202f', 'Д']) {
      expect(isGsm7(`Hello ${char}`)).toBe(false);
      expect(countSegments(`Hello ${char}`).encoding).toBe('UCS-2');
    }
    expect(isGsm7('Rs. 1,499.00 {ok} [20%] ~ 5€')).toBe(true);
  });
});

describe('countSegments, UCS-2', () => {
  test('one emoji forces the whole message into UCS-2', () => {
    const text = `${'a'.repeat(100)} ${EMOJI}`;
    expect(countSegments(text)).toEqual({ encoding: 'UCS-2', units: 103, segments: 2 });
  });

  test.each([
    [70, 1],
    [71, 2],
    [67 * 2, 2],
    [67 * 2 + 1, 3],
  ])('%i UCS-2 units → %i segment(s)', (length, segments) => {
    expect(countSegments(DEVANAGARI_A.repeat(length))).toEqual({ encoding: 'UCS-2', units: length, segments });
  });

  test('a Hindi sentence is UCS-2, counted in UTF-16 units', () => {
    const text = 'आपका डिवाइस रिपेयर होकर तैयार है।';
    expect(countSegments(text)).toEqual({ encoding: 'UCS-2', units: text.length, segments: 1 });
  });

  test('a surrogate pair counts as two units', () => {
    expect(countSegments(EMOJI)).toEqual({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(countSegments(EMOJI.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSegments(EMOJI.repeat(36))).toEqual({ encoding: 'UCS-2', units: 72, segments: 2 });
  });

  test('a surrogate pair is never split across segments', () => {
    // 134 units would fit 2 × 67, but the emoji at units 67–68 moves whole to segment 2.
    const text = `${DEVANAGARI_A.repeat(66)}${EMOJI}${DEVANAGARI_A.repeat(66)}`;
    expect(countSegments(text)).toEqual({ encoding: 'UCS-2', units: 134, segments: 3 });
    expect(countSegments(`${EMOJI}${DEVANAGARI_A.repeat(132)}`)).toEqual({ encoding: 'UCS-2', units: 134, segments: 2 });
  });
});
