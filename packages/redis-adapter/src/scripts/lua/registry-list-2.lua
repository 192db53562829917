-- The records of members whose heartbeat has not expired (alive while now < expiresAt).
-- KEYS[1] records: hash id → JSON   KEYS[2] expiry: sorted set id → expiresAt (ms)
-- Returns a list of JSON records.
--#include time.lua
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. ms(now), '+inf')
local out = {}
for _, id in ipairs(ids) do
  local json = redis.call('HGET', KEYS[1], id)
  if json then out[#out + 1] = json end
end
return out
