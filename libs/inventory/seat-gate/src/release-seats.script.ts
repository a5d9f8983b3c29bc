/**
 * Compare-and-delete: deletes the seat keys whose value is the owner, leaves every other key alone
 * (a late release must never free a seat someone else claimed after the owner's key expired).
 *
 * KEYS: the seat keys of one section. ARGV[1]: owner. Returns how many keys were deleted.
 */
export const releaseSeatsScript = `
local released = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('DEL', key)
    released = released + 1
  end
end
return released
`;
