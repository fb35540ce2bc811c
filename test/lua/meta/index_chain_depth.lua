-- long __index chains work; loops are detected
local t = {v = "bottom"}
for i = 1, 50 do t = setmetatable({}, {__index = t}) end
print(t.v)
local a, b = {}, {}
setmetatable(a, {__index = b})
setmetatable(b, {__index = a})
print(pcall(function() return a.x end))
local c, d = {}, {}
setmetatable(c, {__newindex = d})
setmetatable(d, {__newindex = c})
print(pcall(function() c.x = 1 end))
