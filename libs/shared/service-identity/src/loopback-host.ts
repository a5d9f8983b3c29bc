import { isIP } from 'node:net';

/**
 * Whether a URL's hostname names this machine (`localhost`, `*.localhost`, 127.0.0.0/8, `::1`,
 * the unspecified addresses). Used to refuse a local JWT issuer outside local development: a
 * deployed verifier that trusts "whatever answers on localhost" trusts any sidecar or attacker
 * able to bind that port. Only the spelling is checked; names that resolve to loopback through DNS
 * still have to be https, which is enough to make a mistake visible.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.') || host === '0.0.0.0';
  if (isIP(host) === 6) return host === '::1' || host === '::' || /^::ffff:(127\.|7f)/.test(host);
  return false;
}
