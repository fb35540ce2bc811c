-- common proxy/default patterns
local defaults = {color = "red", size = 1}
local obj = setmetatable({}, {__index = defaults})
print(obj.color, obj.size)
obj.color = "blue"
print(obj.color, defaults.color)
-- tracking proxy
local real, log = {}, {}
local proxy = setmetatable({}, {
  __index = function(_, k) log[#log + 1] = "get " .. k; return real[k] end,
  __newindex = function(_, k, v) log[#log + 1] = "set " .. k; real[k] = v end,
  __len = function() return #real end,
  __pairs = function() return next, real, nil end,
})
proxy.a = 1; proxy.b = proxy.a + 1; proxy[1] = "x"
print(proxy.b, #proxy, rawget(proxy, "a"))
print(table.concat(log, ", "))
local keys = {}
for k in pairs(proxy) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, " "))
