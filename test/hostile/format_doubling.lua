-- hostile: format doubling
-- expect: memory
local s = "x"
for i = 1, 40 do s = string.format("%s%s", s, s) end
