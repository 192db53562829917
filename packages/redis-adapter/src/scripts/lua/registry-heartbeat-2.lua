-- Creates or refreshes a member and stamps lastSeenAt with server time.
-- KEYS[1] records: hash id → JSON   KEYS[2] expiry: sorted set id → expiresAt (ms)
-- ARGV[1] id   ARGV[2] the record as a JSON object without lastSeenAt   ARGV[3] ttl in ms
-- The JSON is extended as text, never decoded: cjson would turn [] into {} and round numbers.
--#include time.lua
local json = string.sub(ARGV[2], 1, -2) .. ',"lastSeenAt":' .. ms(now) .. '}'
redis.call('HSET', KEYS[1], ARGV[1], json)
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[1])
return 1
