import { status, type handleUnaryCall } from '@grpc/grpc-js';
import type { Logger } from '@ticketing/telemetry';
import type { InventoryMetrics } from '../inventory.metrics';
import type { CallerAuthorization, InventoryMethod } from './caller-authorization';
import { toGrpcFailure } from './grpc-status.mapping';

/** What every RPC handler shares. */
export interface RpcEnvironment {
  readonly metrics: InventoryMetrics;
  readonly logger: Logger;
  readonly callers: CallerAuthorization;
}

const serviceName = 'ticketing.inventory.v1.InventoryService';

/** What a handler knows of the call beyond its request. */
export interface CallContext {
  /** When the caller stops waiting (its gRPC deadline); undefined when it set none. */
  readonly answerBy: Date | undefined;
}

/**
 * Adapts an async function to a grpc-js unary handler: checks the caller, runs the work, maps any
 * error to a gRPC status with an ErrorDetail trailer, and records `grpc_server_handled_total` and
 * `grpc_server_handling_seconds`. Unexpected errors are logged in full and answered as INTERNAL.
 */
export function unaryHandler<Request, Response>(
  method: InventoryMethod,
  environment: RpcEnvironment,
  handle: (request: Request, call: CallContext) => Promise<Response>,
): handleUnaryCall<Request, Response> {
  const labels = { grpc_service: serviceName, grpc_method: method };
  return (call, callback) => {
    const stopTimer = environment.metrics.grpcHandlingSeconds.startTimer(labels);
    const run = async () => {
      await environment.callers.authorize(call.metadata, method);
      const deadline = call.getDeadline();
      const answerBy = deadline instanceof Date ? deadline : Number.isFinite(deadline) ? new Date(deadline) : undefined;
      return handle(call.request, { answerBy });
    };
    run().then(
      (response) => {
        stopTimer();
        environment.metrics.grpcHandled.inc({ ...labels, grpc_code: status[status.OK] });
        callback(null, response);
      },
      (error: unknown) => {
        stopTimer();
        const failure = toGrpcFailure(error);
        environment.metrics.grpcHandled.inc({ ...labels, grpc_code: status[failure.code] });
        if (failure.code === status.INTERNAL) environment.logger.error({ err: error, method }, 'rpc failed');
        else environment.logger.debug({ method, code: status[failure.code], message: failure.details }, 'rpc refused');
        callback(failure);
      },
    );
  };
}
