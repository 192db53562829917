-- Takes a free or expired lease with a new token, or renews it for its holder (same token).
-- KEYS[1] grant: hash holder, token, expiresAt (expires with the lease)
-- KEYS[2] last token: max(last + 1, server time in ms) per new holder, never expires
-- ARGV[1] holder   ARGV[2] ttl in ms (integer ≥ 1)
-- Returns {holder, token, expiresAt}, or nil while another holder has it.
--#include time.lua
local grant = redis.call('HMGET', KEYS[1], 'holder', 'token', 'expiresAt')
local token
if grant[1] and now < tonumber(grant[3]) then
  if grant[1] ~= ARGV[1] then return false end
  token = grant[2]
else
  -- At least the server time in ms: tokens keep growing even when Redis lost the counter (a
  -- restart without persistence, a failover to a replica that lagged behind).
  token = ms(math.max(tonumber(redis.call('GET', KEYS[2]) or '0') + 1, now))
  redis.call('SET', KEYS[2], token)
end
local expires_at = now + tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'token', token, 'expiresAt', ms(expires_at))
redis.call('PEXPIREAT', KEYS[1], expires_at)
return { ARGV[1], token, ms(expires_at) }
