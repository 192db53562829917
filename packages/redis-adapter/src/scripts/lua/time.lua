-- Server time in ms: every host sees one clock, whatever its own says.
local server_time = redis.call('TIME')
local now = tonumber(server_time[1]) * 1000 + math.floor(tonumber(server_time[2]) / 1000)
local function ms(n) return string.format('%.0f', n) end
