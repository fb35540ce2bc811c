-- uncaught error at level 2 points at the caller
local function check(v) if not v then error("check failed", 2) end end
check(true)
check(false)
