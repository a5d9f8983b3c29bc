import { readFile, stat } from 'node:fs/promises';

/**
 * The worker's service token, read from a file and read again whenever the file changes (a
 * Kubernetes Secret volume or a token-refreshing sidecar rotates it in place). The worker never
 * holds a signing secret: whatever issues tokens for the API issues this one.
 */
export class ServiceTokenFile {
  private cached: { readonly mtimeMs: number; readonly size: number; readonly token: string } | undefined;

  constructor(private readonly path: string) {}

  /** The current token; throws when the file is missing or empty. */
  async token(): Promise<string> {
    const { mtimeMs, size } = await stat(this.path);
    if (this.cached && this.cached.mtimeMs === mtimeMs && this.cached.size === size) return this.cached.token;
    const token = (await readFile(this.path, 'utf8')).trim();
    if (token === '') throw new Error(`the service token file ${this.path} is empty`);
    this.cached = { mtimeMs, size, token };
    return token;
  }
}
