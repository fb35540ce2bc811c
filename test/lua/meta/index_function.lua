-- __index as a function receives the table and the key
local calls = {}
local t = setmetatable({}, {__index = function(tbl, k)
  calls[#calls + 1] = tostring(k)
  if k == "self" then return tbl end
  return k .. "!"
end})
print(t.foo, t[1], t.self == t)
print(table.concat(calls, ","))
local default = setmetatable({}, {__index = function() return 0 end})
default.x = default.x + 5
print(default.x, default.y)
-- results are truncated to one value
local multi = setmetatable({}, {__index = function() return 1, 2, 3 end})
print(multi.k)
-- __index on strings
print(("abc").len == string.len, ("abc"):len(), ("x").nonexistent)
