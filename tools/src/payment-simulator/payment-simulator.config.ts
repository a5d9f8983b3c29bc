import { defineConfigPiece, loadConfig } from '@ticketing/config';
import Type from 'typebox';

/**
 * Settings of `npm run pay`. By default it talks to the stack `tools/dev up` runs: the local
 * emulator, the `ticketing-local-` resources, and the API's internal listener on port 3002 (to
 * read the reservation's total, with a token of the local issuer).
 */
export const paymentSimulatorConfigPieces = {
  simulator: defineConfigPiece(
    {
      RESERVATION_API_URL: Type.String({
        default: 'http://127.0.0.1:3002',
        description: "the reservation API's internal listener, to look up the amount",
      }),
      EVENTBRIDGE_ENDPOINT: Type.Optional(Type.String({ description: 'EventBridge endpoint; the local emulator by default' })),
      AWS_REGION: Type.Optional(Type.String({ minLength: 1, description: 'region of the event bus; the local stack\'s by default' })),
      RESOURCE_PREFIX: Type.Optional(Type.String({ pattern: '^[a-zA-Z0-9_-]*$', description: 'resource prefix; the local stack\'s by default' })),
    },
    (env) => ({
      apiUrl: env.RESERVATION_API_URL.replace(/\/+$/, ''),
      eventBridgeEndpoint: env.EVENTBRIDGE_ENDPOINT,
      region: env.AWS_REGION,
      resourcePrefix: env.RESOURCE_PREFIX,
    }),
  ),
};

export function loadPaymentSimulatorConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadConfig(paymentSimulatorConfigPieces, env).simulator;
}
