import type { FastifyInstance } from 'fastify';

/**
 * The methods each registered path answers, learned from the routes as they are added, so a
 * request for a known path with another method gets 405 and an `Allow` header instead of 404.
 * Call {@link RouteMethods.track} before any route is registered.
 */
export class RouteMethods {
  private readonly paths: { readonly pattern: RegExp; readonly methods: Set<string> }[] = [];

  track(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => {
      const pattern = patternOf(route.url);
      let entry = this.paths.find((candidate) => candidate.pattern.source === pattern.source);
      if (!entry) {
        entry = { pattern, methods: new Set() };
        this.paths.push(entry);
      }
      for (const method of [route.method].flat()) entry.methods.add(method);
    });
  }

  /** The methods `path` (no query string) answers, sorted; empty when no route has that path. */
  allowedFor(path: string): string[] {
    const methods = new Set(this.paths.filter(({ pattern }) => pattern.test(path)).flatMap(({ methods }) => [...methods]));
    return [...methods].sort();
  }
}

/** `/v1/reservations/:id` → `^/v1/reservations/[^/]+$`; a trailing `*` matches the rest. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}
