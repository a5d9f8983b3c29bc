/**
 * Reads a section's view in one round trip: nil when the readiness marker is missing (the caller
 * then reads DynamoDB and rebuilds), else the hash as `{seatId, encoded, seatId, encoded, …}`.
 *
 * KEYS[1]: the view hash, KEYS[2]: its readiness marker.
 *
 * The marker holds the field count at rebuild time and fields are never deleted, so fewer fields
 * mean the hash was evicted or expired while the marker lived: answering "not ready" then is what
 * keeps a seat map from showing sold seats as free.
 */
export const readSeatStatusesScript = `
local marker = redis.call('GET', KEYS[2])
if not marker then return false end
local fields = redis.call('HGETALL', KEYS[1])
if #fields < 2 * (tonumber(marker) or 0) then return false end
return fields
`;
