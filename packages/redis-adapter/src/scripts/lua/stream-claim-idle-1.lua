-- Moves entries idle for at least min-idle ms to a consumer (XAUTOCLAIM, walked until `count`
-- are claimed or the pending list ends) and returns them with their delivery counts, which
-- XAUTOCLAIM does not report. Pending entries whose stream entry was trimmed are dropped by
-- XAUTOCLAIM itself.
-- KEYS[1] the stream
-- ARGV[1] group   ARGV[2] consumer   ARGV[3] min idle ms (integer ≥ 0)   ARGV[4] count (≥ 1)
-- Returns a list of {id, fields, deliveries}.
local count = tonumber(ARGV[4])
local claimed = {}
local cursor = '0-0'
repeat
  local reply = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], cursor, 'COUNT', count - #claimed)
  cursor = reply[1]
  for _, entry in ipairs(reply[2]) do claimed[#claimed + 1] = entry end
until cursor == '0-0' or #claimed >= count
local out = {}
for i, entry in ipairs(claimed) do
  local info = redis.call('XPENDING', KEYS[1], ARGV[1], entry[1], entry[1], 1)
  local deliveries = info[1] and info[1][4] or 1
  out[i] = { entry[1], entry[2], deliveries }
end
return out
