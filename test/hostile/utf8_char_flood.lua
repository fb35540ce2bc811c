-- hostile: utf8 char flood
-- expect: memory|instructions
local t = {}
for i = 1, 1e9 do t[#t + 1] = utf8.char(0x10FFFF, 0x10FFFF, 0x10FFFF, 0x10FFFF) end
