import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linesWithPhones } from './phones.js';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface NpmStart {
  child: ChildProcess;
  /** Its LOCAL_DATA_DIR: given, or a fresh temporary one (removed by kill()). */
  dataDir: string;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once `pattern` appears in stdout; rejects if the process exits or time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Its whole process group SIGKILLed (leader gone or not) and its temporary data dir removed: for afterAll. */
  kill(): Promise<void>;
}

/**
 * `npm start` (local/start.ts through tsx, as the npm script runs it) as a child process leading
 * its own process group, so a group signal reaches DynamoDB Local's watchdog too. It gets the
 * test's environment minus the run's DynamoDB endpoint (it starts its own), logging at DEBUG so
 * every line a handler writes reaches the phone check, plus `env`. Without a LOCAL_DATA_DIR it
 * gets a temporary one, so it never touches the checkout's .local (a developer's own stack).
 */
export function spawnNpmStart(env: Record<string, string>, { viaNpm = false } = {}): NpmStart {
  const ownDataDir = env.LOCAL_DATA_DIR === undefined ? mkdtempSync(join(tmpdir(), 'repair-npm-start-')) : null;
  const dataDir = env.LOCAL_DATA_DIR ?? ownDataDir!;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, POWERTOOLS_LOG_LEVEL: 'DEBUG', ...env, LOCAL_DATA_DIR: dataDir };
  delete childEnv.AWS_ENDPOINT_URL_DYNAMODB;
  delete childEnv.AWS_ENDPOINT_URL_DYNAMODB_STREAMS;
  delete childEnv.TEST_DYNAMO_ENDPOINT;
  // viaNpm: `npm start` itself, the README's command, so the npm process is the one a signal reaches.
  const [command, args] = viaNpm ? ['npm', ['start', '--silent']] : [join(ROOT, 'node_modules/.bin/tsx'), ['local/start.ts']];
  const child = spawn(command, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;

  const waitFor = (pattern: RegExp, timeoutMs = 90_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout);
        if (match) {
          cleanup();
          resolve(match);
        }
      };
      const onExit = (code: number | null, signal: string | null) => {
        cleanup();
        reject(new Error(`npm start exited early (code ${code}, signal ${signal})\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no match for ${pattern} within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.off('exit', onExit);
      };
      child.stdout?.on('data', check);
      child.once('exit', onExit);
      if (!running()) return onExit(child.exitCode, child.signalCode);
      check();
    });

  return {
    child,
    dataDir,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    waitFor,
    kill: async () => {
      // The whole group, even when its leader has exited: what it orphaned is still in it.
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // the group is already gone
        }
        await exited;
      }
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

/** The banner's "Try it" curl line carries a demo phone on purpose; everything else must not. */
const BANNER_EXAMPLE = /\nTry it:\n[\s\S]*?\nCtrl-C stops everything\./g;

/** Lines of a child's stdout and stderr that hold a phone number (the banner's demo request aside). */
export function phoneLinesInOutput(...outputs: string[]): string[] {
  return outputs.flatMap((output) => linesWithPhones(output.replace(BANNER_EXAMPLE, '')));
}

/** DynamoDB Local processes whose command line matches, from the process table. */
export function dynamoLocalProcesses(matches: (commandLine: string) => boolean): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => /^\s*\d+ java /.test(line) && line.includes('DynamoDBLocal.jar') && matches(line));
}

export const onPort = (port: number) => (line: string) => new RegExp(`-port ${port}(\\s|$)`).test(line);

/** Ends the DynamoDB Local processes a test's stack failed to stop, by pid. */
export function killDynamoLocal(matches: (commandLine: string) => boolean): void {
  for (const line of dynamoLocalProcesses(matches)) {
    try {
      process.kill(Number(line.trim().split(/\s+/)[0]), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function waitUntilNoDynamoLocal(matches: (commandLine: string) => boolean, timeoutMs = 30_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (dynamoLocalProcesses(matches).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return dynamoLocalProcesses(matches);
}
