-- Marks channels as wanted; channels wanted already keep their record.
-- KEYS: see assign-common.lua
-- ARGV[1] lease   ARGV[2] token, then per channel: channel, since, redundancy
-- Returns the channels that were not wanted before, in input order.
--#include assign-common.lua
local refused = fence()
if refused then return refused end
local added = {}
for i = 3, #ARGV, 3 do
  local channel = ARGV[i]
  if redis.call('HSETNX', KEYS[2], channel, ARGV[i + 1] .. US .. ARGV[i + 2]) == 1 then
    redis.call('ZADD', KEYS[3], redis.call('INCR', KEYS[4]), channel)
    added[#added + 1] = channel
  end
end
return added
