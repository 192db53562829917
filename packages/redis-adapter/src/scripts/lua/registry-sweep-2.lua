-- Removes members whose heartbeat expired and returns them; atomic, so each expired member goes
-- to exactly one of several concurrent sweepers.
-- KEYS[1] records: hash id → JSON   KEYS[2] expiry: sorted set id → expiresAt (ms)
-- Returns a list of JSON records.
--#include time.lua
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ms(now))
local out = {}
for _, id in ipairs(ids) do
  local json = redis.call('HGET', KEYS[1], id)
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  if json then out[#out + 1] = json end
end
return out
