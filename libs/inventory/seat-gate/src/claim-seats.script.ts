/**
 * All-or-nothing claim of one section's seat keys for one owner (the hold id).
 *
 * KEYS: the seat keys (one hash tag, so one Cluster slot). ARGV[1]: owner, ARGV[2]: TTL in ms.
 * Returns `{}` when every key is now the owner's, else `{index, owner, index, owner, …}` (1-based
 * KEYS indexes) of every key another owner holds — and then nothing was written.
 *
 * Check and set run in one script, so no other client can take a seat between them. A key the
 * owner already holds counts as claimed and gets the new TTL: a retried hold (same hold id) is
 * re-entrant instead of conflicting with itself.
 */
export const claimSeatsScript = `
local owner = ARGV[1]
local conflicts = {}
for index, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  if current and current ~= owner then
    conflicts[#conflicts + 1] = index
    conflicts[#conflicts + 1] = current
  end
end
if #conflicts > 0 then return conflicts end
for _, key in ipairs(KEYS) do
  redis.call('SET', key, owner, 'PX', ARGV[2])
end
return conflicts
`;
