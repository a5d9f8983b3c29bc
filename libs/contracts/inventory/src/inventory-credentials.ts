import Type from 'typebox';

/** What a caller of the inventory presents as its bearer token. */
export type InventoryCredentials =
  /** A Kubernetes projected service-account token for the inventory's audience, re-read when rotated. */
  | { readonly kind: 'token-file'; readonly path: string }
  /** The inventory's static-token fallback (its INVENTORY_CLIENT_TOKEN). */
  | { readonly kind: 'static-token'; readonly token: string }
  /** Nothing: only an inventory in local mode admits such a caller. */
  | { readonly kind: 'none' };

/** The variables with which a service says how it proves itself to the inventory; read them with {@link readInventoryCredentials}. */
export const inventoryCredentialVariables = {
  INVENTORY_TOKEN_FILE: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "file holding this service's token for the inventory: a projected service-account token with the inventory's audience, re-read whenever the kubelet rotates it",
    }),
  ),
  INVENTORY_CLIENT_TOKEN: Type.Optional(
    Type.String({ minLength: 16, description: "static-token fallback: the inventory's INVENTORY_CLIENT_TOKEN, presented only when INVENTORY_TOKEN_FILE is unset" }),
  ),
};

/**
 * The credential a service presents: its projected token when it has one, else the static-token
 * fallback (the charts mount the projected token and keep the static token optional, so the token
 * file wins), else nothing.
 */
export function readInventoryCredentials(env: {
  readonly INVENTORY_TOKEN_FILE?: string | undefined;
  readonly INVENTORY_CLIENT_TOKEN?: string | undefined;
}): InventoryCredentials {
  if (env.INVENTORY_TOKEN_FILE) return { kind: 'token-file', path: env.INVENTORY_TOKEN_FILE };
  if (env.INVENTORY_CLIENT_TOKEN) return { kind: 'static-token', token: env.INVENTORY_CLIENT_TOKEN };
  return { kind: 'none' };
}
