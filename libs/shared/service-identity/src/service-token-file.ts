import { readFile, stat } from 'node:fs/promises';

/**
 * A service's token, read from a file and read again whenever the file changes: a Kubernetes
 * projected ServiceAccount token (the kubelet replaces it at 80 % of its lifetime) or a Secret
 * volume. The caller never holds a signing secret.
 *
 * With `recheckMs`, the file is looked at most that often, so a caller on a hot path does not pay a
 * `stat` per call; a token replaced meanwhile is used up to that much later, which never fails a
 * call because the kubelet replaces tokens long before they expire. Without it, every call looks.
 */
export class ServiceTokenFile {
  private cached: { readonly mtimeMs: number; readonly size: number; readonly token: string; readonly checkedAt: number } | undefined;

  constructor(
    private readonly path: string,
    private readonly options: { readonly recheckMs?: number } = {},
  ) {}

  /** The current token; throws when the file is missing or empty. */
  async token(): Promise<string> {
    const now = Date.now();
    const { cached } = this;
    if (cached && now - cached.checkedAt < (this.options.recheckMs ?? 0)) return cached.token;
    const { mtimeMs, size } = await stat(this.path);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) {
      this.cached = { ...cached, checkedAt: now };
      return cached.token;
    }
    const token = (await readFile(this.path, 'utf8')).trim();
    if (token === '') throw new Error(`the service token file ${this.path} is empty`);
    this.cached = { mtimeMs, size, token, checkedAt: now };
    return token;
  }
}
