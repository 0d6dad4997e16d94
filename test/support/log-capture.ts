/**
 * Runs in every test file: captures everything written to stdout/stderr while the file runs —
 * each structured log line a handler writes (Powertools writes JSON lines straight to the
 * streams) and anything else — and fails the file if any line holds a phone number: E.164, or a
 * bare 10–15-digit run standing alone (the logger's own pattern, see ./phones.ts). Log lines are
 * kept out of the test output; LOG_ECHO=1 shows them.
 *
 * Every level is captured, whatever a test file asks for: the handlers' one logger is created
 * here, before the file runs, with POWERTOOLS_LOG_LEVEL=DEBUG. Powertools reads the level when
 * the logger is constructed (and resets to it on every invocation), so a file that later sets
 * POWERTOOLS_LOG_LEVEL=ERROR to keep its output short no longer hides INFO lines from the check.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
// Imported only now (phones.ts loads the logger): the level must be set first.
const { linesWithPhones } = await import('./phones.js');

const captured: string[] = [];
/** Every line written while the file ran that held a phone number. */
const phoneLines: string[] = [];

function capture(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    phoneLines.push(...linesWithPhones(text));
    if (text.startsWith('{"level"')) {
      captured.push(text);
      if (process.env.LOG_ECHO !== '1') return true;
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

capture(process.stdout);
capture(process.stderr);

/** For tests that check logging itself. */
(globalThis as { capturedLogLines?: string[] }).capturedLogLines = captured;
(globalThis as { capturedPhoneLines?: string[] }).capturedPhoneLines = phoneLines;

const expectNoPhones = () => expect(phoneLines).toEqual([]);

// This file's afterAll runs before the test file's own (jest runs them in the order they were
// declared), yet those still log — a stack stopping drains its stream to the notifier. Each of
// the file's afterAll hooks therefore checks again once it has run.
const declareAfterAll = globalThis.afterAll;
globalThis.afterAll = ((fn: jest.ProvidesHookCallback, timeout?: number) =>
  declareAfterAll(async () => {
    await (fn as () => unknown)();
    expectNoPhones();
  }, timeout)) as typeof afterAll;

declareAfterAll(expectNoPhones);
