import type { SaleSecond } from '../scenarios/onsale-scenario-plan';

const sparks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const maxRows = 45;
const heldWidth = 28;
const refusedWidth = 18;

/** A bar of `value` out of `max` in `width` cells, eighths included. */
function bar(value: number, max: number, width: number, full: string, partials: readonly string[]): string {
  if (max <= 0 || value <= 0) return ''.padEnd(width);
  const eighths = Math.max(1, Math.round((value / max) * width * 8));
  const whole = Math.floor(eighths / 8);
  const rest = eighths % 8;
  return (full.repeat(whole) + (rest > 0 ? (partials[rest - 1] ?? '') : '')).padEnd(width);
}

const heldPartials = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * The sale as a terminal chart: a sparkline of the seats held over time, then one row per second
 * (per few seconds for a long sale) with the seats held in it (201s minus cancels) as a bar, the
 * refusals as a second bar, the 5xx and the running total.
 */
export function renderSaleChart(seconds: readonly SaleSecond[], totalSeats: number, marks: ReadonlyMap<number, string> = new Map()): string[] {
  if (seconds.length === 0) return ['  (no requests)'];
  const step = Math.max(1, Math.ceil(seconds.length / maxRows));
  const rows: { from: number; net: number; refused: number; errors: number; requests: number }[] = [];
  for (let from = 0; from < seconds.length; from += step) {
    const slice = seconds.slice(from, from + step);
    rows.push({
      from,
      net: slice.reduce((sum, second) => sum + second.seatsGranted - second.seatsCancelled, 0),
      refused: slice.reduce((sum, second) => sum + second.refused, 0),
      errors: slice.reduce((sum, second) => sum + second.serverErrors, 0),
      requests: slice.reduce((sum, second) => sum + second.requests, 0),
    });
  }
  const maxNet = Math.max(...rows.map((row) => row.net));
  const maxRefused = Math.max(...rows.map((row) => row.refused));
  let held = 0;
  const totals = rows.map((row) => (held += row.net));
  const spark = totals.map((total) => sparks[Math.min(sparks.length - 1, Math.max(0, Math.floor((total / Math.max(1, totalSeats)) * sparks.length - 1e-9)))]).join('');
  const lines = [
    `  seats held over time: ${spark}  (${held.toLocaleString('en-US')} of ${totalSeats.toLocaleString('en-US')} at the end)`,
    `  ${'t'.padStart(5)}  ${'seats held (net of cancels)'.padEnd(heldWidth + 7)}  ${'refusals'.padEnd(refusedWidth + 7)}  5xx  requests  held`,
  ];
  rows.forEach((row, index) => {
    const mark = [...marks].filter(([second]) => second >= row.from && second < row.from + step).map(([, label]) => `  ◀ ${label}`).join('');
    lines.push(
      `  ${`${row.from}s`.padStart(5)}  ${bar(Math.max(0, row.net), maxNet, heldWidth, '█', heldPartials)} ${String(row.net).padStart(6)}  ` +
        `${bar(row.refused, maxRefused, refusedWidth, '░', [])} ${String(row.refused).padStart(6)}  ${String(row.errors).padStart(3)}  ` +
        `${String(row.requests).padStart(8)}  ${Math.round(((totals[index] ?? 0) / Math.max(1, totalSeats)) * 100)} %${mark}`,
    );
  });
  lines.push(`  (one row per ${step === 1 ? 'second' : `${step} seconds`} from the first buyer; held: the buyers' 201s minus their cancels)`);
  return lines;
}
