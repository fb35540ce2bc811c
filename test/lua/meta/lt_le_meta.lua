-- __lt and __le
local mt = {}
mt.__lt = function(a, b) print("lt"); return a.v < b.v end
mt.__le = function(a, b) print("le"); return a.v <= b.v end
local function V(v) return setmetatable({v = v}, mt) end
local a, b = V(1), V(2)
print(a < b, a > b, a <= b, a >= b)
-- results are converted to booleans
local odd = setmetatable({}, {__lt = function() return "x" end, __le = function() return nil end})
print(odd < odd, odd <= odd, odd > odd, odd >= odd)
-- 5.4 does not emulate __le with __lt
local only_lt = setmetatable({}, {__lt = function() return true end})
print(pcall(function() return only_lt <= only_lt end))
-- mixed types use metamethods too
local n = setmetatable({}, {__lt = function(x, y) return type(x) == "number" end})
print(1 < n, n < 1)
print(pcall(function() return "a" < n end))
