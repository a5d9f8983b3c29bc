import type { SeatStatus } from '@ticketing/inventory-domain';
import { CorruptSeatStatusViewError } from './seat-gate.errors';
import type { ViewedSeatStatus } from './seat-status-view.types';

const statuses: ReadonlySet<string> = new Set<SeatStatus>(['AVAILABLE', 'HELD', 'SOLD', 'BLOCKED']);

/**
 * The value a seat without a field in the view stands for: AVAILABLE at version 0 (a seat as
 * CreateEvent writes it). The apply script never stores it, so a fresh section costs no memory.
 */
export const implicitSeatStatus = encodeSeatStatus({ status: 'AVAILABLE', version: 0 });

/**
 * `status|version|holdExpiresAtMs`, e.g. `HELD|7|1767225600000` or `SOLD|8|`: compact (a 10,000-seat
 * section is one small hash), and the Lua apply script finds the version between the first two
 * bars without a JSON parser. The expiry is written for HELD seats only.
 */
export function encodeSeatStatus({ status, version, holdExpiresAt }: ViewedSeatStatus): string {
  const expiry = status === 'HELD' && holdExpiresAt ? String(holdExpiresAt.getTime()) : '';
  return `${status}|${version}|${expiry}`;
}

/**
 * Inverse of {@link encodeSeatStatus}.
 *
 * @throws CorruptSeatStatusViewError if the value was not written by {@link encodeSeatStatus}.
 */
export function decodeSeatStatus(seatId: string, encoded: string): ViewedSeatStatus {
  const [status, version, expiry, ...rest] = encoded.split('|');
  if (
    status === undefined ||
    !statuses.has(status) ||
    version === undefined ||
    !/^\d+$/.test(version) ||
    expiry === undefined ||
    !/^\d*$/.test(expiry) ||
    rest.length > 0
  ) {
    throw new CorruptSeatStatusViewError(`Seat ${seatId} has an undecodable view entry "${encoded}"`);
  }
  const decoded = { status: status as SeatStatus, version: Number(version) };
  return expiry === '' ? decoded : { ...decoded, holdExpiresAt: new Date(Number(expiry)) };
}
