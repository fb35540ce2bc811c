-- hostile: gsub function growth
-- expect: memory|instructions|time
local s = ("ab"):rep(100000)
for i = 1, 100 do s = s:gsub("a", function() return ("a"):rep(10) end) end
