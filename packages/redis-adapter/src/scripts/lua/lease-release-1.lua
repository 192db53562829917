-- Frees a lease held by this holder with this token.
-- KEYS[1] grant: hash holder, token, expiresAt
-- ARGV[1] holder   ARGV[2] token
-- Returns 1 when released, 0 when it was not held so.
--#include time.lua
local grant = redis.call('HMGET', KEYS[1], 'holder', 'token', 'expiresAt')
if not grant[1] or grant[1] ~= ARGV[1] or grant[2] ~= ARGV[2] or now >= tonumber(grant[3]) then
  return 0
end
redis.call('DEL', KEYS[1])
return 1
