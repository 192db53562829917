-- Exact sliding window: at most `count` units in any `window` ms. An action at T counts while
-- now < T + window. The log is a list of `<ms>:<cost>`, oldest first; `used` is their sum.
-- KEYS[1] log: list of `<ms>:<cost>`   KEYS[2] used: units in the log
--   (both expire when the newest action leaves the window)
-- ARGV[1] count (integer ≥ 1)   ARGV[2] window in ms (> 0)   ARGV[3] cost (integer ≥ 1)
-- ARGV[4] 'take', 'peek' (only evicts and reports) or 'record' (counts the cost even past the
--   limit: takes are then refused until the window drains below it)
-- Returns {ok 0/1, room before this take, ms until cost fits (-1: never, cost > count)}.
--#include time.lua
local count, window, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local used = tonumber(redis.call('GET', KEYS[2]) or '0')
local evicted = false
while true do
  local first = redis.call('LINDEX', KEYS[1], 0)
  if not first then break end
  local at, units = string.match(first, '^(%d+):(%d+)$')
  if tonumber(at) + window > now then break end
  redis.call('LPOP', KEYS[1])
  used = used - tonumber(units)
  evicted = true
end
if evicted then
  if redis.call('LLEN', KEYS[1]) == 0 then
    used = 0
    redis.call('DEL', KEYS[1], KEYS[2])
  else
    redis.call('SET', KEYS[2], used, 'KEEPTTL')
  end
end
local room = count - used
if ARGV[4] == 'peek' then return { 1, room, 0 } end
local forced = ARGV[4] == 'record'
if cost > count and not forced then return { 0, room, -1 } end
if cost > room and not forced then
  -- Walk from the oldest action until enough units would have left to fit the cost.
  local need, freed = cost - room, 0
  for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
    local at, units = string.match(entry, '^(%d+):(%d+)$')
    freed = freed + tonumber(units)
    if freed >= need then return { 0, room, math.max(0, math.ceil(tonumber(at) + window - now)) } end
  end
  return { 0, room, 0 }
end
-- A server clock stepped back must not put an action behind a newer one: add it to the newest.
local newest = now
local last = redis.call('LINDEX', KEYS[1], -1)
local last_at, last_units
if last then last_at, last_units = string.match(last, '^(%d+):(%d+)$') end
if last_at and tonumber(last_at) >= now then
  newest = tonumber(last_at)
  redis.call('LSET', KEYS[1], -1, last_at .. ':' .. ms(tonumber(last_units) + cost))
else
  redis.call('RPUSH', KEYS[1], ms(now) .. ':' .. ms(cost))
end
redis.call('SET', KEYS[2], used + cost)
local expire_at = math.ceil(newest + window)
redis.call('PEXPIREAT', KEYS[1], expire_at)
redis.call('PEXPIREAT', KEYS[2], expire_at)
return { 1, room, 0 }
