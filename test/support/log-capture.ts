/**
 * Runs in every test file: captures each structured log line a handler writes (Powertools
 * writes JSON lines straight to stdout/stderr) and, after the file, fails it if any line holds
 * a phone number. The lines are kept out of the test output; LOG_ECHO=1 shows them.
 */
const E164 = /\+[1-9]\d{6,14}/;
const captured: string[] = [];

function capture(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
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

afterAll(() => {
  expect(captured.filter((line) => E164.test(line))).toEqual([]);
});
