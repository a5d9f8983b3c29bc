import { open } from 'node:fs/promises';

/**
 * The last `lines` lines of a log, for error messages. Reads only the end of the file: a stand-in
 * that loops on an error can write megabytes before the readiness timeout.
 */
export async function readLogTail(path: string, lines = 20, maxBytes = 16_384): Promise<string[]> {
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const length = Math.min(size, maxBytes);
      const buffer = Buffer.alloc(length);
      await file.read(buffer, 0, length, size - length);
      return buffer.toString('utf8').split('\n').filter((line) => line.trim() !== '').slice(-lines);
    } finally {
      await file.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [`(no log at ${path})`];
    throw error;
  }
}
