/**
 * Teardown steps, run newest first (the inventory stops before its tables go, stand-ins last),
 * each bounded in time and each attempted even when an earlier one failed. Running it twice
 * (finally block and signal handler) runs every step once.
 */
export class CleanupStack {
  private readonly steps: { readonly name: string; readonly run: () => Promise<unknown> }[] = [];
  private running: Promise<string[]> | undefined;

  constructor(private readonly stepTimeoutMs = 30_000) {}

  /** Registers a step; `name` appears in the failure list. */
  push(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  /** Runs every step once; resolves with the failures (`name: message`), never rejects. */
  run(): Promise<string[]> {
    this.running ??= this.runAll();
    return this.running;
  }

  private async runAll(): Promise<string[]> {
    const failures: string[] = [];
    for (const step of this.steps.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${this.stepTimeoutMs} ms`)), this.stepTimeoutMs);
      });
      try {
        await Promise.race([step.run(), timeout]);
      } catch (error) {
        failures.push(`${step.name}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        clearTimeout(timer);
      }
    }
    return failures;
  }
}
