-- table.insert goes through __index, __newindex and __len
local log = {}
local store = {10, 20, 30}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get" .. k; return store[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "set" .. k .. "=" .. tostring(v); store[k] = v end,
  __len = function() log[#log + 1] = "len"; return #store end,
})
table.insert(proxy, 1, 5)
print(table.concat(log, " "))
print(store[1], store[2], store[3], store[4])
log = {}
table.insert(proxy, 99)
print(table.concat(log, " "))
print(#store, store[5])
-- __len returning a float with an integer value
local f = setmetatable({}, {__len = function() return 2.0 end})
table.insert(f, "v")
print(rawget(f, 3))
-- __newindex only for absent keys
local seen = {}
local t = setmetatable({1, 2}, {__newindex = function(t, k, v) seen[#seen + 1] = k; rawset(t, k, v) end})
table.insert(t, 1, 0)
print(#seen, seen[1], t[1], t[2], t[3])
