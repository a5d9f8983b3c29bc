/**
 * After DynamoDB committed the seats to the owner: gives the owner's keys the long "sold" TTL.
 * A missing key (expired, evicted, Redis flushed) is set again, since DynamoDB just said the seat
 * is the owner's; a key of another owner is left alone (that claim will fail on DynamoDB and
 * release itself).
 *
 * KEYS: the seat keys of one section. ARGV[1]: owner, ARGV[2]: TTL in ms. Returns how many keys
 * now carry the owner with the new TTL.
 */
export const markSeatsSoldScript = `
local marked = 0
for _, key in ipairs(KEYS) do
  local current = redis.call('GET', key)
  if current == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    marked = marked + 1
  elseif not current then
    redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
    marked = marked + 1
  end
end
return marked
`;
