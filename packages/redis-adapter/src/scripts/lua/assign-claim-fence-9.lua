-- Raises the fence to the token without writing anything else (a new coordinator's first step).
-- KEYS: see assign-common.lua   ARGV[1] lease   ARGV[2] token
--#include assign-common.lua
local refused = fence()
if refused then return refused end
return 1
