-- __newindex with a function and a table
local log = {}
local t = setmetatable({}, {__newindex = function(tbl, k, v)
  log[#log + 1] = k .. "=" .. tostring(v)
  rawset(tbl, k, v)
end})
t.a = 1
t.a = 2          -- existing key: no metamethod
t.b = nil
print(table.concat(log, " "), t.a, rawget(t, "b"))
local store = {}
local proxy = setmetatable({}, {__newindex = store})
proxy.x = 10
print(rawget(proxy, "x"), store.x)
-- chain of __newindex tables
local inner = {}
local mid = setmetatable({}, {__newindex = inner})
local outer = setmetatable({}, {__newindex = mid})
outer.k = "v"
print(rawget(outer, "k"), rawget(mid, "k"), inner.k)
-- read-only table
local ro = setmetatable({}, {__index = {x = 1}, __newindex = function(_, k) error("read-only: " .. k, 2) end})
print(ro.x, pcall(function() ro.y = 2 end))
