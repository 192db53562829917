-- Extends a lease held by this holder with this token; nothing else.
-- KEYS[1] grant: hash holder, token, expiresAt
-- ARGV[1] holder   ARGV[2] token   ARGV[3] ttl in ms (integer ≥ 1)
-- Returns 1 when renewed, 0 when the lease was lost (expired, released, other holder or token).
--#include time.lua
local grant = redis.call('HMGET', KEYS[1], 'holder', 'token', 'expiresAt')
if not grant[1] or grant[1] ~= ARGV[1] or grant[2] ~= ARGV[2] or now >= tonumber(grant[3]) then
  return 0
end
local expires_at = now + tonumber(ARGV[3])
redis.call('HSET', KEYS[1], 'expiresAt', ms(expires_at))
redis.call('PEXPIREAT', KEYS[1], expires_at)
return 1
