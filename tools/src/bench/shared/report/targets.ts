/** One target of a benchmark and whether this run met it. */
export interface TargetResult<Id extends string = string> {
  readonly id: Id;
  readonly description: string;
  /** The bound, in `unit`. */
  readonly threshold: number;
  readonly comparison: '>=' | '<=';
  readonly measured: number;
  readonly unit: string;
  readonly pass: boolean;
  /** Why it missed beyond the number, e.g. events that never reached their final state. */
  readonly note?: string;
}

/** A target judged from its measurement; `blockers` (notes) fail it whatever the number. */
export function judgeTarget<Id extends string>(
  target: Omit<TargetResult<Id>, 'pass' | 'note'>,
  blockers: readonly string[] = [],
): TargetResult<Id> {
  const withinBound = target.comparison === '<=' ? target.measured <= target.threshold : target.measured >= target.threshold;
  return { ...target, pass: withinBound && blockers.length === 0, ...(blockers.length > 0 ? { note: blockers.join('; ') } : {}) };
}

/** The report's closing pair: every target, and whether all were met. */
export function withVerdict<Id extends string>(
  targets: readonly TargetResult<Id>[],
): { readonly targets: readonly TargetResult<Id>[]; readonly allTargetsMet: boolean } {
  return { targets, allTargetsMet: targets.every((target) => target.pass) };
}

/** `  PASS  <description>: measured 42 ms (needs <= 120 ms)`, with the note when there is one. */
export function renderTarget(target: TargetResult): string {
  const verdict = target.pass ? 'PASS' : 'MISS';
  const line = `  ${verdict}  ${target.description}: measured ${target.measured} ${target.unit} (needs ${target.comparison} ${target.threshold} ${target.unit})`;
  return target.note ? `${line} — ${target.note}` : line;
}
