import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { physicalName } from '@ticketing/resources';
import { queueDepth, queueUrlOf } from '@ticketing/sqs-queue';
import { createIsolatedAwsResources, localStandIns, waitFor, type IsolatedAwsResources } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/payment-simulator/cli.ts', import.meta.url));
const reservationId = 'rsv_01JD0000000000000000000000';

describe('npm run pay (payment simulator)', () => {
  let aws: IsolatedAwsResources;
  beforeAll(async () => {
    aws = await createIsolatedAwsResources({
      only: { queues: ['reservation-worker-dlq', 'reservation-worker'], eventBuses: ['ticketing'], rules: ['payment-outcomes'] },
    });
  });
  afterAll(() => aws?.cleanup());

  const pay = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', cli, ...args], {
      env: {
        ...process.env,
        AWS_REGION: localStandIns.aws.region,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        EVENTBRIDGE_ENDPOINT: localStandIns.aws.eventBridgeEndpoint,
        RESOURCE_PREFIX: aws.prefix,
      },
    });

  it('publishes payment outcomes that the rule routes to the worker queue, once per --times', async () => {
    const { stdout } = await pay('--reservation', reservationId, '--amount', '5000', '--currency', 'EUR', '--times', '2');
    expect(stdout).toMatch(new RegExp(`^payment\\.approved for ${reservationId}: message_id pay_evt_\\S+, intent pi_sim_\\S+, eventbridge id \\S+$`, 'm'));
    // Both publications carry the same message id: a provider redelivering one notification.
    const messageIds = [...stdout.matchAll(/message_id (\S+),/g)].map((match) => match[1]);
    expect(messageIds).toHaveLength(2);
    expect(new Set(messageIds).size).toBe(1);

    await pay('--reservation', reservationId, '--fail', '--amount', '5000', '--currency', 'EUR');
    const queueUrl = await queueUrlOf(aws.clients.sqs, physicalName(aws.prefix, 'reservation-worker'));
    await waitFor(async () => (await queueDepth(aws.clients.sqs, queueUrl)).visible === 3, { description: 'three messages on the worker queue' });
  });

  it('refuses bad arguments with a usage error and publishes nothing', async () => {
    await expect(pay('--reservation', 'not-a-reservation')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--reservation must be a reservation id/) });
    await expect(pay('--reservation', reservationId, '--amount', '12')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--amount and --currency go together/) });
    await expect(pay('--reservation', reservationId, '--amount', '1.5', '--currency', 'EUR')).rejects.toMatchObject({ code: 2 });
  });
});
