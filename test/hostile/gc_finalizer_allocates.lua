-- hostile: gc finalizer allocates
-- expect: memory|instructions
local keep = {}
local mt = {}
mt.__gc = function() for i = 1, 1e9 do keep[#keep + 1] = {i} end end
for i = 1, 10 do setmetatable({}, mt) end
while true do local _ = {} end
