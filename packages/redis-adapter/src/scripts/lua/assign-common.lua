-- Shared by the assignment scripts. Every one of them declares the same keys:
-- KEYS[1] fence: hash lease → highest token used
-- KEYS[2] wanted: hash channel → `since US redundancy`
-- KEYS[3] order: sorted set channel → scan sequence (insertion order, for list cursors)
-- KEYS[4] seq: counter of the scan sequence
-- KEYS[5] placed: hash channel → its placements, each `worker US state US since US reason RS`
--         (reason is '-' when absent, '+<text>' when given)
-- KEYS[6] by-worker: hash worker → its channels, each `channel RS`
-- KEYS[7] states: hash state → placements in it
-- KEYS[8] failed: hash reason → failed placements
-- KEYS[9] load: hash worker → live (pending + confirmed) placements
-- Write scripts take ARGV[1] lease, ARGV[2] token first.
local RS, US = '\30', '\31'

-- Refuses a token below the highest used with this lease; remembers a higher one.
local function fence()
  local token = tonumber(ARGV[2])
  local highest = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
  if token < highest then
    return redis.error_reply('TMI_LEASE_LOST ' .. string.format('%.0f', highest))
  end
  if token > highest then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
  return nil
end

local function parse(text)
  local out = {}
  if not text then return out end
  for record in string.gmatch(text, '([^\30]*)\30') do
    local worker, state, since, reason = string.match(record, '^([^\31]*)\31([^\31]*)\31([^\31]*)\31(.*)$')
    out[#out + 1] = { worker = worker, state = state, since = since, reason = reason }
  end
  return out
end

local function encode(list)
  local parts = {}
  for i, p in ipairs(list) do parts[i] = p.worker .. US .. p.state .. US .. p.since .. US .. p.reason .. RS end
  return table.concat(parts)
end

local function bump(key, field, delta)
  if redis.call('HINCRBY', key, field, delta) <= 0 then redis.call('HDEL', key, field) end
end

-- Keeps the per-state, per-reason and per-worker totals in step with one placement.
local function count(p, delta)
  bump(KEYS[7], p.state, delta)
  if p.state == 'failed' then
    bump(KEYS[8], p.reason == '-' and 'unknown' or string.sub(p.reason, 2), delta)
  else
    bump(KEYS[9], p.worker, delta)
  end
end

local function save(channel, list)
  if #list == 0 then redis.call('HDEL', KEYS[5], channel) else redis.call('HSET', KEYS[5], channel, encode(list)) end
end

-- Changes to the per-worker channel lists, applied once per worker at the end of a script.
local worker_adds, worker_dels = {}, {}
local function worker_add(worker, channel)
  local adds = worker_adds[worker]
  if not adds then adds = {}; worker_adds[worker] = adds end
  adds[#adds + 1] = channel .. RS
end
local function worker_del(worker, channel)
  local dels = worker_dels[worker]
  if not dels then dels = {}; worker_dels[worker] = dels end
  dels[channel] = true
end
local function flush_workers()
  local touched = {}
  for worker in pairs(worker_adds) do touched[worker] = true end
  for worker in pairs(worker_dels) do touched[worker] = true end
  for worker in pairs(touched) do
    local list = redis.call('HGET', KEYS[6], worker) or ''
    local dels = worker_dels[worker]
    if dels then
      local kept = {}
      for channel in string.gmatch(list, '([^\30]*)\30') do
        if not dels[channel] then kept[#kept + 1] = channel .. RS end
      end
      list = table.concat(kept)
    end
    if worker_adds[worker] then list = list .. table.concat(worker_adds[worker]) end
    if list == '' then redis.call('HDEL', KEYS[6], worker) else redis.call('HSET', KEYS[6], worker, list) end
  end
end
