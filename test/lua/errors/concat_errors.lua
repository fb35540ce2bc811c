-- concatenation errors name the variable
print(pcall(function() local t = {}; return "a" .. t end))
print(pcall(function() local t = {}; return t .. "a" end))
print(pcall(function() return "a" .. undefined_global end))
print(pcall(function() local t = {}; return "a" .. t.field end))
print(pcall(function() local b = false; return b .. "" end))
local up = {}
print(pcall(function() return "a" .. up end))
print(pcall(function() return "x" .. {} end))
print(pcall(function() return 1 .. nil end))
