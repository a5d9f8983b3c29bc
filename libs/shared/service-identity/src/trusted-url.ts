import { ConfigRuleViolation } from '@ticketing/config';
import { isLoopbackHost } from './loopback-host';

/**
 * Checks a token issuer or key-set URL: https on a real host. A loopback host is accepted (over
 * http too) only when `localFlag` (the name of the explicit local-development setting) is on; plain
 * http to anything else never is, because whoever can rewrite that response can mint tokens.
 */
export function assertTrustworthyUrl(variable: string, value: string, local: { readonly allowed: boolean; readonly flag: string }): void {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new ConfigRuleViolation(variable, 'must be an https URL');
  }
  if (isLoopbackHost(url.hostname)) {
    if (!local.allowed) {
      throw new ConfigRuleViolation(
        variable,
        `points at this machine; a deployed verifier must not trust a local issuer (set ${local.flag}=true only for local development)`,
      );
    }
    return;
  }
  if (url.protocol !== 'https:') throw new ConfigRuleViolation(variable, 'must use https');
}
