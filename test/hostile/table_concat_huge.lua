-- hostile: table concat huge
-- expect: memory
local t = {}
for i = 1, 100 do t[i] = ("x"):rep(2^20) end
local all = {}
for i = 1, 1e9 do all[i] = table.concat(t) end
