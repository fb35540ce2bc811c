-- hostile: call chain loop
-- expect: memory|error
local t = {}
setmetatable(t, {__call = t})
t()
