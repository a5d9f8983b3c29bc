/**
 * Teaches the gate what DynamoDB revealed (a seat the gate did not know was taken): SET NX PX per
 * key, so it never overwrites a live claim.
 *
 * KEYS: the seat keys of one section. ARGV: `owner, ttlMs` per key, in KEYS order. Returns how
 * many keys were set.
 */
export const rememberSeatsScript = `
local remembered = 0
for index, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[index * 2 - 1], 'PX', ARGV[index * 2], 'NX') then
    remembered = remembered + 1
  end
end
return remembered
`;
