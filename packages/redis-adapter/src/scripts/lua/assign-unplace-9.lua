-- Removes placements.
-- KEYS: see assign-common.lua
-- ARGV[1] lease   ARGV[2] token, then per placement: channel, worker
-- Returns how many existed.
--#include assign-common.lua
local refused = fence()
if refused then return refused end
local removed = 0
for i = 3, #ARGV, 2 do
  local channel, worker = ARGV[i], ARGV[i + 1]
  local list, kept, found = parse(redis.call('HGET', KEYS[5], channel)), {}, false
  for _, p in ipairs(list) do
    if p.worker == worker then
      count(p, -1)
      found = true
    else
      kept[#kept + 1] = p
    end
  end
  if found then
    save(channel, kept)
    worker_del(worker, channel)
    removed = removed + 1
  end
end
flush_workers()
return removed
