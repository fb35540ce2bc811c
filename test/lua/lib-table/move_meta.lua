-- table.move through metamethods, in the reference's order
local log = {}
local src = setmetatable({}, {__index = function(_, k) log[#log + 1] = "get" .. k; return k end})
local dst = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = "set" .. k; rawset(t, k, v) end})
table.move(src, 1, 3, 2, dst)
print(table.concat(log, " "))
log = {}
local both = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get" .. k; return k end,
  __newindex = function(t, k, v) log[#log + 1] = "set" .. k; rawset(t, k, v) end,
})
table.move(both, 1, 3, 2)
print(table.concat(log, " "))
-- two different tables equal by __eq: treated as the same (copied backwards)
log = {}
local mt = {__eq = function() return true end,
  __index = function(_, k) log[#log + 1] = "g" .. k; return k end}
local x, y = setmetatable({}, mt), setmetatable({}, mt)
table.move(x, 1, 3, 2, y)
print(table.concat(log, " "))
