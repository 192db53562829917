-- Forgets channels with all their placements.
-- KEYS: see assign-common.lua
-- ARGV[1] lease   ARGV[2] token, then the channels
-- Returns {channel, wanted record, placements text} for each channel that was wanted.
--#include assign-common.lua
local refused = fence()
if refused then return refused end
local out = {}
for i = 3, #ARGV do
  local channel = ARGV[i]
  local wanted = redis.call('HGET', KEYS[2], channel)
  if wanted then
    local placed = redis.call('HGET', KEYS[5], channel)
    for _, p in ipairs(parse(placed)) do
      count(p, -1)
      worker_del(p.worker, channel)
    end
    redis.call('HDEL', KEYS[2], channel)
    redis.call('HDEL', KEYS[5], channel)
    redis.call('ZREM', KEYS[3], channel)
    out[#out + 1] = { channel, wanted, placed or '' }
  end
end
flush_workers()
return out
