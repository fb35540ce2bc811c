-- nil and false are allowed and ignored; other values without __close are errors
do
  local a <close> = nil
  local b <close> = false
  print("ok nil/false")
end
print(pcall(function() local x <close> = {} end))
print(pcall(function() local x <close> = 42 end))
print(pcall(function() local x <close> = "str" end))
print(pcall(function() local x <close> = setmetatable({}, {}) end))
print(pcall(function() local x <close> = setmetatable({}, {__index = {__close = print}}) end))
-- the metamethod must exist when the variable is created; the one found at closing time is called
local mt = {__close = function() print("closed original") end}
do
  local x <close> = setmetatable({}, mt)
  mt.__close = function() print("closed replaced") end
end
