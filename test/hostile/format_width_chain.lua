-- hostile: format width chain
-- expect: memory|instructions
local t = {}
for i = 1, 1e9 do t[i] = string.format("%099d", i) end
