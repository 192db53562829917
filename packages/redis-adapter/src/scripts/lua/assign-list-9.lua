-- One page of wanted channels in insertion order, after the scan sequence `after`.
-- KEYS: see assign-common.lua
-- ARGV[1] after (a scan sequence, 0 for the start)   ARGV[2] limit (≥ 1)
-- Returns {items, last sequence on the page, highest sequence}; items are flat triples
-- channel, wanted record, placements text.
local page = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. ARGV[1], '+inf', 'WITHSCORES', 'LIMIT', 0, tonumber(ARGV[2]))
local items = {}
local last = ARGV[1]
for i = 1, #page, 2 do
  local channel = page[i]
  last = page[i + 1]
  items[#items + 1] = channel
  items[#items + 1] = redis.call('HGET', KEYS[2], channel) or ''
  items[#items + 1] = redis.call('HGET', KEYS[5], channel) or ''
end
local top = redis.call('ZRANGE', KEYS[3], -1, -1, 'WITHSCORES')
return { items, last, top[2] or '0' }
