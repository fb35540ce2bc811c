-- float loops: limits evaluated once, accumulated steps
local n = 0
for i = 0, 1, 0.1 do n = n + 1 end
print("0..1 by 0.1", n)
local limit = 3
for i = 1, limit do limit = 10 end
print("limit evaluated once", limit)
local vals = {}
for x = 1, 2, 0.25 do vals[#vals + 1] = x end
print(table.concat(vals, " "))
n = 0
for i = 1, math.huge do n = n + 1; if n == 5 then break end end
print("to huge", n)
n = 0
for i = -math.huge, 0 do n = n + 1; if n == 3 then break end end
print("from -huge", n)
n = 0
for i = 1, 0/0 do n = n + 1 end
print("nan limit", n)
