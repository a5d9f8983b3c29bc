/**
 * Claims, for one owner, the first of several candidate blocks whose seats are all free — in one
 * round trip, atomically. Best-available uses it: concurrent requests that would all pick the same
 * best block instead each get the best block no one has claimed yet, in the order Redis runs them.
 *
 * KEYS: the seat keys of every candidate, block after block, each block `ARGV[3]` keys long (one
 * hash tag, so one Cluster slot; overlapping blocks repeat keys). ARGV[1]: owner, ARGV[2]: TTL in
 * ms, ARGV[3]: block size.
 * Returns `{n}` when block n (1-based) is now the owner's; else `{0, index, owner, index, owner, …}`
 * (1-based KEYS indexes, each key once) of keys another owner holds — and then nothing was written.
 * Keys the owner already holds count as free (a retried hold is re-entrant).
 */
export const claimFirstFreeBlockScript = `
local owner = ARGV[1]
local size = tonumber(ARGV[3])
local holders = {}
local function holderOf(key)
  local current = holders[key]
  if current == nil then
    current = redis.call('GET', key)
    holders[key] = current
  end
  return current
end
for first = 1, #KEYS, size do
  local free = true
  for index = first, first + size - 1 do
    local current = holderOf(KEYS[index])
    if current and current ~= owner then
      free = false
      break
    end
  end
  if free then
    for index = first, first + size - 1 do
      redis.call('SET', KEYS[index], owner, 'PX', ARGV[2])
    end
    return {(first - 1) / size + 1}
  end
end
local reply = {0}
local reported = {}
for index, key in ipairs(KEYS) do
  local current = holders[key]
  if current and current ~= owner and not reported[key] then
    reported[key] = true
    reply[#reply + 1] = index
    reply[#reply + 1] = current
  end
end
return reply
`;
