/**
 * The inventory gRPC contract, the only way other projects reach the inventory service.
 *
 * Everything under `generated/` comes from proto/ticketing/inventory/v1/*.proto through
 * scripts/generate.sh and is never edited by hand; this file decides what of it is public:
 *
 * - `InventoryServiceService`: the grpc-js service definition, for `server.addService`.
 * - `InventoryServiceServer`: the handler interface the inventory app implements.
 * - `InventoryServiceClient`: the client constructor and its interface.
 * - every message (with `encode`/`decode`/`create`/`fromPartial`/JSON methods) and enum.
 * - helpers for the ErrorDetail trailer and the descriptor set for server reflection.
 */
export * from './generated/ticketing/inventory/v1/inventory_service';
export * from './generated/ticketing/inventory/v1/event';
export * from './generated/ticketing/inventory/v1/event_layout';
export * from './generated/ticketing/inventory/v1/seat';
export * from './generated/ticketing/inventory/v1/seat_selection';
export * from './generated/ticketing/inventory/v1/seat_counts';
export * from './generated/ticketing/inventory/v1/hold';
export * from './generated/ticketing/inventory/v1/money';
export * from './generated/ticketing/inventory/v1/error_detail';
// Hold TTLs are Durations; Timestamps are not re-exported because they surface as Date.
export { Duration } from './generated/google/protobuf/duration';

export * from './error-detail';
export * from './package-definition';
export * from './inventory-rpc';
export * from './inventory-gateway';
export * from './inventory-channel';
export * from './inventory-credentials';
export * from './inventory-transport';
export * from './inventory-audience';
