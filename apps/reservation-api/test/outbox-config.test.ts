import { ConfigError, loadConfig } from '@ticketing/config';
import { describe, expect, it } from 'vitest';
import { outboxRelayConfig } from '@ticketing/reservation-api-config';

const load = (env: Record<string, string>) => loadConfig({ outbox: outboxRelayConfig }, env).outbox;
const issuesOf = (env: Record<string, string>) => {
  try {
    load(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => issue.variable);
    throw error;
  }
  return [];
};

describe('outboxRelayConfig', () => {
  it('has defaults that publish promptly and give up only after minutes of failures', () => {
    expect(load({})).toEqual({
      enabled: true,
      intervalMs: 1_000,
      batchSize: 25,
      leaseMs: 30_000,
      maxAttempts: 10,
      backoff: { baseDelayMs: 1_000, maxDelayMs: 300_000 },
      retentionMs: 7 * 24 * 3_600_000,
      eventBusName: undefined,
    });
  });

  it('reads every variable', () => {
    expect(
      load({
        OUTBOX_RELAY_ENABLED: 'false',
        OUTBOX_RELAY_INTERVAL_MS: '250',
        OUTBOX_BATCH_SIZE: '50',
        OUTBOX_LEASE_MS: '60000',
        OUTBOX_MAX_ATTEMPTS: '3',
        OUTBOX_RETRY_BASE_MS: '500',
        OUTBOX_RETRY_MAX_MS: '10000',
        OUTBOX_RETENTION_MS: '86400000',
        EVENT_BUS_NAME: 'arn:aws:events:eu-west-1:123456789012:event-bus/ticketing-prod',
      }),
    ).toEqual({
      enabled: false,
      intervalMs: 250,
      batchSize: 50,
      leaseMs: 60_000,
      maxAttempts: 3,
      backoff: { baseDelayMs: 500, maxDelayMs: 10_000 },
      retentionMs: 86_400_000,
      eventBusName: 'arn:aws:events:eu-west-1:123456789012:event-bus/ticketing-prod',
    });
  });

  it.each([
    [{ OUTBOX_BATCH_SIZE: '0' }, 'OUTBOX_BATCH_SIZE'],
    [{ OUTBOX_BATCH_SIZE: 'many' }, 'OUTBOX_BATCH_SIZE'],
    [{ OUTBOX_MAX_ATTEMPTS: '1000' }, 'OUTBOX_MAX_ATTEMPTS'],
    [{ OUTBOX_LEASE_MS: '3600000' }, 'OUTBOX_LEASE_MS'],
    [{ OUTBOX_RELAY_INTERVAL_MS: '-1' }, 'OUTBOX_RELAY_INTERVAL_MS'],
    [{ OUTBOX_RELAY_ENABLED: 'maybe' }, 'OUTBOX_RELAY_ENABLED'],
    [{ EVENT_BUS_NAME: 'two words' }, 'EVENT_BUS_NAME'],
    [{ OUTBOX_RETRY_BASE_MS: '20000', OUTBOX_RETRY_MAX_MS: '10000' }, 'OUTBOX_RETRY_MAX_MS'],
    [{ OUTBOX_RELAY_INTERVAL_MS: '30000', OUTBOX_LEASE_MS: '20000' }, 'OUTBOX_LEASE_MS'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(issuesOf(env)).toEqual([variable]);
  });
});
