-- each loop iteration creates a fresh local
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local gs = {}
for _, v in ipairs{"a", "b", "c"} do gs[#gs + 1] = function() return v end end
print(gs[1](), gs[2](), gs[3]())
local hs = {}
local j = 1
while j <= 3 do local k = j; hs[j] = function() return k end; j = j + 1 end
print(hs[1](), hs[2](), hs[3]())
local rs = {}
local m = 0
repeat local x = m; rs[#rs + 1] = function() x = x + 100; return x end; m = m + 1 until x >= 2
print(rs[1](), rs[1](), rs[2](), rs[3]())
-- the loop variable is a copy: modifying it inside doesn't affect iteration
local seen = {}
for i = 1, 3 do seen[#seen + 1] = i; i = i * 10 end
print(table.concat(seen, ","))
