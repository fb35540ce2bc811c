-- bad argument in a method call: the self argument shifts the number
local s = "abc"
print(pcall(function() return s:rep({}) end))
print(pcall(function() return s:sub("x") end))
print(pcall(function() return ("x"):format() end))
print(pcall(function() return s:byte(1, {}) end))
print(pcall(function() return string.rep(s, {}) end))
local obj = {f = string.rep}
print(pcall(function() return obj:f() end))
print(pcall(function() return obj.f() end))
