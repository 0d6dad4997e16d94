import { throttle } from '../../shared/usecases/throttle.js';

/** A clock that only the waits move, so the test counts time instead of taking it. */
function fakeTime() {
  let now = 1_000_000;
  const waits: number[] = [];
  return {
    clock: () => now,
    pace: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
    waits,
    elapsed: () => now - 1_000_000,
  };
}

test('20 a second: ten sends span at least nine gaps of 50 ms, the first without waiting', async () => {
  const time = fakeTime();
  const slots = throttle(20, time.clock, time.pace);
  for (let i = 0; i < 10; i++) {
    await slots.ready();
    time.advance(3); // the send itself
    slots.used();
  }
  expect(time.waits).toHaveLength(9);
  expect(time.waits.every((ms) => ms === 50)).toBe(true);
  expect(time.elapsed()).toBe(9 * 50 + 10 * 3);
});

test('a slow send leaves nothing to wait; an item that sends nothing takes no slot', async () => {
  const time = fakeTime();
  const slots = throttle(10, time.clock, time.pace);
  await slots.ready();
  slots.used();
  time.advance(150); // slower than the gap (100 ms)
  await slots.ready();
  expect(time.waits).toEqual([]);
  slots.used();
  // Three items with nobody to tell (erased, no consent): they wait for the slot, but take none.
  for (let i = 0; i < 3; i++) await slots.ready();
  expect(time.waits).toEqual([100]);
  await slots.ready();
  expect(time.waits).toEqual([100]);
});
