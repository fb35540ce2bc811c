-- each evaluation of a function expression makes a new closure
local fs = {}
for i = 1, 2 do fs[i] = function() end end
print(fs[1] == fs[2], fs[1] == fs[1])
local function mk() return function() end end
print(mk() == mk())
print(type(mk()), type(print))
local t = {}
t[mk()] = 1; t[mk()] = 2
local n = 0
for _ in pairs(t) do n = n + 1 end
print(n)
