-- table.remove through metamethods
local log = {}
local store = {1, 2, 3, 4}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get" .. k; return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "set" .. k .. "=" .. tostring(v); store[k] = v end,
  __len = function() return #store end,
})
print(table.remove(proxy, 2))
print(table.concat(log, " "))
print(store[1], store[2], store[3], store[4])
log = {}
print(table.remove(proxy))
print(table.concat(log, " "))
-- __len lying about the size
local liar = setmetatable({1, 2, 3}, {__len = function() return 5 end})
print(table.remove(liar), rawget(liar, 5))
print(table.remove(liar, 6))
print(pcall(table.remove, liar, 7))
