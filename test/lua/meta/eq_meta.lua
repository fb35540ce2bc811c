-- __eq is only used for two tables (or two full userdata) that are not raw-equal
local calls = 0
local mt = {__eq = function(a, b) calls = calls + 1; return a.v == b.v end}
local a = setmetatable({v = 1}, mt)
local b = setmetatable({v = 1}, mt)
local c = setmetatable({v = 2}, mt)
print(a == b, a ~= b, a == c, a ~= c, calls)
print(a == a, calls)             -- raw equal: no call
print(a == 1, a == "x", calls)   -- different types: no call
local plain = {v = 1}
print(a == plain, plain == a, calls)   -- one metamethod is enough
local truthy = setmetatable({}, {__eq = function() return "yes" end})
print(truthy == {}, truthy ~= {})
local other = setmetatable({}, {__eq = function() return false end})
print(other == truthy, truthy == other)
print(rawequal(a, b), rawequal(a, a))
