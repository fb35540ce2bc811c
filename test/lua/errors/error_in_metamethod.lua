-- errors raised inside metamethods propagate with their own positions
local t = setmetatable({}, {
  __index = function(_, k) error("no field " .. k) end,
  __add = function() local x = nil; return x.y end,
  __call = function() error("call failed", 2) end,
})
print(pcall(function() return t.foo end))
print(pcall(function() return t + 1 end))
print(pcall(function() return t() end))
print(pcall(function() return tostring(setmetatable({}, {__tostring = function() error("ts") end})) end))
