import { Writable } from 'node:stream';
import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function captureLines() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(contextManager.enable()));
  afterAll(() => context.disable());

  it('writes JSON lines with the service, a level label and an ISO time', () => {
    const { lines, stream } = captureLines();
    createLogger({ service: 'inventory', level: 'info' }, stream).info({ hold_id: 'h1' }, 'hold created');
    expect(lines).toEqual([
      expect.objectContaining({ service: 'inventory', level: 'info', hold_id: 'h1', msg: 'hold created' }),
    ]);
    expect(new Date(String(lines[0]?.['time'])).toISOString()).toBe(lines[0]?.['time']);
  });

  it('adds the active trace and span ids', () => {
    const { lines, stream } = captureLines();
    const logger = createLogger({ service: 'inventory', level: 'info' }, stream);
    const span = trace.wrapSpanContext({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    });
    context.with(trace.setSpan(ROOT_CONTEXT, span), () => logger.info('inside a span'));
    logger.info('outside any span');
    expect(lines[0]).toMatchObject({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' });
    expect(lines[1]).not.toHaveProperty('trace_id');
  });

  it('redacts credentials in logged requests', () => {
    const { lines, stream } = captureLines();
    createLogger({ service: 'api', level: 'info' }, stream).info(
      { req: { headers: { authorization: 'Bearer secret-token' } } },
      'request',
    );
    expect(JSON.stringify(lines[0])).not.toContain('secret-token');
  });

  it('drops lines below the configured level', () => {
    const { lines, stream } = captureLines();
    const logger = createLogger({ service: 'api', level: 'warn' }, stream);
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((line) => line['msg'])).toEqual(['loud']);
  });
});
