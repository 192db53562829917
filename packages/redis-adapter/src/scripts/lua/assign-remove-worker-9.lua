-- Removes every placement of a worker (it died).
-- KEYS: see assign-common.lua
-- ARGV[1] lease   ARGV[2] token   ARGV[3] worker
-- Returns the channels it had.
--#include assign-common.lua
local refused = fence()
if refused then return refused end
local worker = ARGV[3]
local channels = {}
for channel in string.gmatch(redis.call('HGET', KEYS[6], worker) or '', '([^\30]*)\30') do
  channels[#channels + 1] = channel
  local kept = {}
  for _, p in ipairs(parse(redis.call('HGET', KEYS[5], channel))) do
    if p.worker == worker then count(p, -1) else kept[#kept + 1] = p end
  end
  save(channel, kept)
end
redis.call('HDEL', KEYS[6], worker)
return channels
