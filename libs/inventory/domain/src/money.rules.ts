import type { Money } from './inventory.types';

/** ISO 4217 alphabetic code, upper case. */
const currencyPattern = /^[A-Z]{3}$/;

/**
 * Why `money` is not a valid price, or `undefined` when it is one, with the proto sub-field it is
 * about (`amount_minor` or `currency`). Amounts are whole minor units and never negative (a free
 * seat is 0); they must be safe integers so sums stay exact.
 */
export function moneyProblem(money: Money): { readonly field: 'amount_minor' | 'currency'; readonly message: string } | undefined {
  if (!Number.isSafeInteger(money.amountMinor) || money.amountMinor < 0) {
    return { field: 'amount_minor', message: 'must be a non-negative integer count of minor units' };
  }
  if (!currencyPattern.test(money.currency)) {
    return { field: 'currency', message: 'must be an ISO 4217 code in upper case, e.g. "EUR"' };
  }
  return undefined;
}

/** True when both amounts are the same amount of the same currency. */
export function sameMoney(a: Money, b: Money): boolean {
  return a.amountMinor === b.amountMinor && a.currency === b.currency;
}
