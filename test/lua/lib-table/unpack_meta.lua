-- table.unpack uses __index and __len; a non-table with __index works too
local proxy = setmetatable({}, {
  __index = function(_, k) return k * 10 end,
  __len = function() return 3 end,
})
print(table.unpack(proxy))
print(table.unpack(proxy, 5, 6))
local partial = setmetatable({1}, {__index = {nil, 2, 3}})
print(table.unpack(partial, 1, 3))
print(#partial, table.unpack(partial))
