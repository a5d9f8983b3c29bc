/**
 * A vitest reporter that writes where a project's test time went, so a test drifting towards its
 * timeout is seen before it fails on a slower machine. vitest's JSON report counts only test bodies;
 * this one also counts imports and hooks (a file whose beforeAll starts a whole stack), and compares
 * each test and hook with its limit. `tools/src/test-summary.ts` prints it at the end of a run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

/** Where one test or hook stood against its limit. */
export interface TimedStep {
  readonly file: string;
  /** The test's full name, or `beforeAll` / `afterAll` with the suite's name. */
  readonly name: string;
  readonly durationMs: number;
  readonly limitMs: number;
}

/** What the reporter writes for one project. */
export interface ProjectTiming {
  /** Each file's wall time: environment, imports, setup files, hooks and tests. */
  readonly files: readonly { readonly file: string; readonly durationMs: number }[];
  /** Tests and hooks that used more than half of their limit. */
  readonly nearLimit: readonly TimedStep[];
}

/** The share of a limit past which a step is reported. */
const nearLimitShare = 0.5;

export class TimingReporter implements Reporter {
  private hookTimeoutMs = 0;
  private readonly hookStarts = new Map<string, number>();
  private readonly files: { file: string; durationMs: number }[] = [];
  private readonly nearLimit: TimedStep[] = [];

  constructor(private readonly options: { readonly workspaceRoot: string; readonly outputFile: string }) {}

  onInit(vitest: Vitest): void {
    this.hookTimeoutMs = vitest.config.hookTimeout;
  }

  onHookStart(hook: Parameters<NonNullable<Reporter['onHookStart']>>[0]): void {
    if (hook.name === 'beforeAll' || hook.name === 'afterAll') this.hookStarts.set(`${hook.name}:${hook.entity.id}`, Date.now());
  }

  onHookEnd(hook: Parameters<NonNullable<Reporter['onHookEnd']>>[0]): void {
    if (hook.name !== 'beforeAll' && hook.name !== 'afterAll') return;
    const key = `${hook.name}:${hook.entity.id}`;
    const startedAt = this.hookStarts.get(key);
    this.hookStarts.delete(key);
    if (startedAt === undefined) return;
    const { entity } = hook;
    const [moduleId, owner] = entity.type === 'module' ? [entity.moduleId, 'the file'] : [entity.module.moduleId, entity.fullName];
    this.noteStep(moduleId, `${hook.name} of ${owner}`, Date.now() - startedAt, this.hookTimeoutMs);
  }

  onTestModuleEnd(testModule: TestModule): void {
    const diagnostic = testModule.diagnostic();
    const durationMs =
      diagnostic.environmentSetupDuration +
      diagnostic.prepareDuration +
      diagnostic.collectDuration +
      diagnostic.setupDuration +
      diagnostic.duration;
    this.files.push({ file: this.relativePath(testModule.moduleId), durationMs: Math.round(durationMs) });
    for (const test of testModule.children.allTests()) {
      const duration = test.diagnostic()?.duration;
      if (duration !== undefined && test.options.timeout) {
        this.noteStep(testModule.moduleId, test.fullName, duration, test.options.timeout);
      }
    }
  }

  onTestRunEnd(): void {
    const timing: ProjectTiming = { files: this.files, nearLimit: this.nearLimit };
    mkdirSync(dirname(this.options.outputFile), { recursive: true });
    writeFileSync(this.options.outputFile, `${JSON.stringify(timing, null, 2)}\n`);
  }

  private noteStep(moduleId: string, name: string, durationMs: number, limitMs: number): void {
    if (limitMs > 0 && durationMs > limitMs * nearLimitShare) {
      this.nearLimit.push({ file: this.relativePath(moduleId), name, durationMs: Math.round(durationMs), limitMs });
    }
  }

  private relativePath(moduleId: string): string {
    return relative(this.options.workspaceRoot, moduleId);
  }
}
