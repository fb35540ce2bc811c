-- __index with a table, and chains of tables
local base = {a = 1, shared = "base"}
local mid = setmetatable({b = 2, shared = "mid"}, {__index = base})
local obj = setmetatable({c = 3}, {__index = mid})
print(obj.a, obj.b, obj.c, obj.shared, obj.missing)
print(rawget(obj, "a"), rawget(obj, "c"))
base.late = "added later"
print(obj.late)
obj.a = "own"
print(obj.a, base.a)
local arr = setmetatable({}, {__index = {10, 20, 30}})
print(arr[1], arr[3], #arr)
-- __index is only consulted for absent keys
local t = setmetatable({x = false}, {__index = function() return "from index" end})
print(t.x, t.y)
