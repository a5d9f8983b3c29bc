/** Log lines of a service at warn level or above, counted by message. */
export interface LogSummary {
  readonly warnings: number;
  readonly errors: number;
  /** The first few distinct messages (numbers masked as `#`), with how often each came. */
  readonly messages: Readonly<Record<string, number>>;
}

const levelNumbers: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/**
 * Counts the warn/error/fatal lines of a pino JSON log (levels as numbers or labels) by message;
 * anything on the streams that is not JSON (a crash trace, a warning from Node itself) counts as an
 * error. Messages are grouped with their numbers masked ("Deadline exceeded after #s"), and only
 * the first `distinctMessagesKept` distinct ones are kept, so a noisy run cannot grow it unbounded.
 */
export class PinoLogSummary {
  private warnings = 0;
  private errors = 0;
  private readonly messages: Record<string, number> = {};

  constructor(private readonly distinctMessagesKept = 10) {}

  /** Counts one line: the raw text, or its parse when the caller parsed it already (undefined: not JSON). */
  add(line: string, parsed?: Readonly<Record<string, unknown>>): void {
    if (line.trim() === '') return;
    let level = 50;
    let message = line.slice(0, 200);
    if (parsed) {
      if (typeof parsed['level'] === 'number') level = parsed['level'];
      else if (typeof parsed['level'] === 'string') level = levelNumbers[parsed['level']] ?? level;
      if (typeof parsed['msg'] === 'string') message = parsed['msg'];
      const reason = parsed['reason'];
      if (typeof reason === 'string') message += ` (${reason})`;
      const err = parsed['err'] as { message?: unknown } | undefined;
      if (typeof err?.message === 'string') message += `: ${err.message.slice(0, 160)}`;
    }
    if (level >= 50) this.errors += 1;
    else if (level >= 40) this.warnings += 1;
    else return;
    message = message.replaceAll(/\b\d+(\.\d+)*/g, '#');
    if (message in this.messages || Object.keys(this.messages).length < this.distinctMessagesKept) {
      this.messages[message] = (this.messages[message] ?? 0) + 1;
    }
  }

  summary(): LogSummary {
    return { warnings: this.warnings, errors: this.errors, messages: { ...this.messages } };
  }
}
