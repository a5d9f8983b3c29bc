import type { ChannelOptions } from '@grpc/grpc-js';

/**
 * What an inventory address may be: `host:port`, or `dns:///host:port` for a name that resolves
 * to every inventory pod (a Kubernetes headless Service). A ClusterIP Service balances
 * connections, not calls, and a gRPC client keeps one connection: every call of a client would go
 * to the one pod it happened to reach, and new replicas would never see its traffic.
 */
export const inventoryAddressPattern = '^(dns:///)?[^\\s:/]+:\\d+$';

/**
 * Channel options of every inventory client: `round_robin` over all resolved addresses instead of
 * grpc-js's default `pick_first`. With a headless Service each pod is one address, so calls spread
 * over the replicas; the inventory's GRPC_MAX_CONNECTION_AGE_MS makes clients reconnect now and
 * then, which re-resolves the name and picks up replicas added since.
 */
export const inventoryChannelOptions: ChannelOptions = {
  'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
};
