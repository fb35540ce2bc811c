-- hostile: gsub table growth
-- expect: memory|instructions
local s = ("x"):rep(1000)
local big = {x = ("y"):rep(10000)}
for i = 1, 100 do s = s:gsub("x", big) end
