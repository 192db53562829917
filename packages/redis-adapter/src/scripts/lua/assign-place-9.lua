-- Creates or replaces the placement of each (channel, worker); channels not wanted are skipped.
-- A replaced placement moves to the end of its channel's list.
-- KEYS: see assign-common.lua
-- ARGV[1] lease   ARGV[2] token, then per placement: channel, worker, state, since, reason
--   (reason '-' when absent, '+<text>' when given)
-- Returns how many were written.
--#include assign-common.lua
local refused = fence()
if refused then return refused end
local written = 0
for i = 3, #ARGV, 5 do
  local channel = ARGV[i]
  if redis.call('HEXISTS', KEYS[2], channel) == 1 then
    local placement = { worker = ARGV[i + 1], state = ARGV[i + 2], since = ARGV[i + 3], reason = ARGV[i + 4] }
    local list, kept, replaced = parse(redis.call('HGET', KEYS[5], channel)), {}, false
    for _, p in ipairs(list) do
      if p.worker == placement.worker then
        count(p, -1)
        replaced = true
      else
        kept[#kept + 1] = p
      end
    end
    kept[#kept + 1] = placement
    count(placement, 1)
    if not replaced then worker_add(placement.worker, channel) end
    save(channel, kept)
    written = written + 1
  end
end
flush_workers()
return written
