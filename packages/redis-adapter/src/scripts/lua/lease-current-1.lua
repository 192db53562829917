-- The live grant of a lease. Key expiry alone is not enough: Redis keeps a key alive at its
-- expiry millisecond, the port frees the lease at expiresAt exactly.
-- KEYS[1] grant: hash holder, token, expiresAt
-- Returns {holder, token, expiresAt} or nil.
--#include time.lua
local grant = redis.call('HMGET', KEYS[1], 'holder', 'token', 'expiresAt')
if not grant[1] or now >= tonumber(grant[3]) then return false end
return grant
