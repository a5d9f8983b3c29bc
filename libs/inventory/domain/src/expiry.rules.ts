/**
 * True when a hold that expires at `expiresAt` no longer protects its seats at `now`.
 *
 * Strict on purpose, and the seat store's conditions must use the same comparison:
 *
 *   ─────────────── expiresAt ───────────────▶ time
 *   hold protects   │ (equal: still protected)│ seat may be taken by another hold
 *   commit allowed  │ commit allowed          │ commit refused (HOLD_EXPIRED)
 *
 * The take condition is `hold_expires_at < :now` (DESIGN.md "The hold path"), so a commit at the
 * very millisecond of expiry and a competing take can never both succeed.
 */
export function isPastExpiry(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() < now.getTime();
}
