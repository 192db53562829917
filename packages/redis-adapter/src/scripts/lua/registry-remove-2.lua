-- Removes a member now (graceful exit).
-- KEYS[1] records: hash id → JSON   KEYS[2] expiry: sorted set id → expiresAt (ms)
-- ARGV[1] id
-- Returns 1 when it existed, else 0.
local existed = redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return existed
