/**
 * Writes seat statuses into a section's view hash, each only if it is newer than the stored one,
 * and optionally marks the view ready.
 *
 * KEYS[1]: the view hash, KEYS[2]: its readiness marker (same hash tag, same slot).
 * ARGV[1]: the hash's TTL in ms; ARGV[2]: the marker's TTL in ms, 0 to leave the marker alone;
 * ARGV[3]: the encoding of the implicit AVAILABLE@0; then `seatId, version, encoded` per seat.
 * Returns how many fields were written.
 *
 * Monotonic per seat: a field is replaced only by a greater version, so a slow writer or a rebuild
 * from an older DynamoDB snapshot can never move a seat back in time. A seat without a field is
 * AVAILABLE at version 0; that state is never stored, but every other one is — including
 * AVAILABLE at a later version, which must stay as a tombstone carrying its version, or a late
 * HELD@3 could overwrite the AVAILABLE@4 that followed it.
 *
 * The marker stores how many fields the hash had when it was set. Fields are never deleted, so a
 * reader that finds fewer knows the hash was evicted behind the marker.
 */
export const applySeatStatusesScript = `
local view = KEYS[1]
local written = 0
for index = 4, #ARGV, 3 do
  local seatId, version, encoded = ARGV[index], tonumber(ARGV[index + 1]), ARGV[index + 2]
  local stored = redis.call('HGET', view, seatId)
  local newer
  if stored then
    local storedVersion = tonumber(string.match(stored, '^[^|]*|(%d+)|'))
    -- An entry this library did not write has no version to trust: any update repairs it.
    newer = storedVersion == nil or version > storedVersion
  else
    newer = encoded ~= ARGV[3]
  end
  if newer then
    redis.call('HSET', view, seatId, encoded)
    written = written + 1
  end
end
redis.call('PEXPIRE', view, ARGV[1])
if tonumber(ARGV[2]) > 0 then
  redis.call('SET', KEYS[2], redis.call('HLEN', view), 'PX', ARGV[2])
end
return written
`;
