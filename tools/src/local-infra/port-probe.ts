import { createServer } from 'node:net';

/**
 * True when nothing listens on `host:port`.
 *
 * Tries to bind rather than connect: binding also sees listeners on the wildcard address (DynamoDB
 * Local binds `*`) and sockets that accept slowly. The kernel refuses the bind while anyone listens,
 * so this never takes over someone else's port, even for an instant.
 */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
