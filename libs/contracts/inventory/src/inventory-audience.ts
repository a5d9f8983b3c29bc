/**
 * The audience of the service tokens the inventory's callers present (its SERVICE_TOKEN_AUDIENCE
 * default, the audience the charts project the callers' tokens for).
 */
export const inventoryTokenAudience = 'ticketing-inventory';
