export { errorCatalogue, isErrorCode, type ErrorCode, type ErrorCodeDefinition } from './error-catalogue';
export type { ErrorKind } from './error-kind';
export { TicketingError } from './ticketing-error';
export { grpcStatusByKind, httpStatusByKind } from './transport-status';
export { grpcStatusNames, renderErrorCodeTable } from './error-code-table';
