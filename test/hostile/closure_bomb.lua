-- hostile: closure bomb
-- expect: memory
local fs = {}
for i = 1, 1e9 do fs[i] = function() return i end end
