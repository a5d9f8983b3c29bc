import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { installGracefulShutdown } from './graceful-shutdown';

// A dedicated signal keeps these tests from touching the test runner's own SIGTERM/SIGINT handling.
const testSignal: NodeJS.Signals = 'SIGUSR2';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ base: undefined }, stream), lines };
}

function exitCode(): { promise: Promise<number>; exit: (code: number) => void } {
  let exit!: (code: number) => void;
  const promise = new Promise<number>((resolve) => (exit = resolve));
  return { promise, exit };
}

describe('installGracefulShutdown', () => {
  afterEach(() => process.removeAllListeners(testSignal));

  it('runs shutdown once and exits 0 when it finishes in time', async () => {
    const { logger, lines } = capturingLogger();
    const { promise, exit } = exitCode();
    let shutdowns = 0;
    installGracefulShutdown({
      logger,
      timeoutMs: 5_000,
      signals: [testSignal],
      exit,
      shutdown: async () => {
        shutdowns += 1;
      },
    });
    process.emit(testSignal, testSignal);
    process.emit(testSignal, testSignal);
    expect(await promise).toBe(0);
    expect(shutdowns).toBe(1);
    expect(lines.map((line) => line['msg'])).toContain('already shutting down');
  });

  it('exits 1 when shutdown overruns its deadline', async () => {
    const { logger, lines } = capturingLogger();
    const { promise, exit } = exitCode();
    installGracefulShutdown({
      logger,
      timeoutMs: 20,
      signals: [testSignal],
      exit,
      shutdown: () => new Promise(() => undefined),
    });
    process.emit(testSignal, testSignal);
    expect(await promise).toBe(1);
    expect(lines.at(-1)).toMatchObject({ level: 50, msg: 'shutdown overran its deadline; exiting' });
  });

  it('exits 1 when shutdown fails', async () => {
    const { logger } = capturingLogger();
    const { promise, exit } = exitCode();
    installGracefulShutdown({
      logger,
      timeoutMs: 5_000,
      signals: [testSignal],
      exit,
      shutdown: async () => {
        throw new Error('connection refused');
      },
    });
    process.emit(testSignal, testSignal);
    expect(await promise).toBe(1);
  });
});
