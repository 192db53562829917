-- Decides claims in order, atomically as a whole. A claim wins when each of its keys is free or
-- held by the same owner, and then holds its free keys for the ttl (held keys keep their window).
-- KEYS    every claim's keys, claim after claim (a key may repeat)
-- ARGV[1] ttl in ms (integer ≥ 1), then per claim: owner, number of its keys
-- Returns one 1/0 per claim. A key held by a plain claim has the value '' and refuses every owner.
local results = {}
local k = 1
local a = 2
while a <= #ARGV do
  local owner, n = ARGV[a], tonumber(ARGV[a + 1])
  a = a + 2
  local free = true
  for i = k, k + n - 1 do
    local holder = redis.call('GET', KEYS[i])
    if holder and holder ~= owner then
      free = false
      break
    end
  end
  if free then
    for i = k, k + n - 1 do redis.call('SET', KEYS[i], owner, 'PX', ARGV[1], 'NX') end
  end
  results[#results + 1] = free and 1 or 0
  k = k + n
end
return results
