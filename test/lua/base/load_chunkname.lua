-- chunk names in error messages
print(pcall(load("error('e')", "=custom")))
print(pcall(load("error('e')", "@file.lua")))
print(pcall(load("error('e')", "string chunk")))
print(pcall(load("error('e')")))
print(pcall(load("\nerror('e')", "=lines")))
print(pcall(load(function() return nil end, "=fromreader")))
local i = 0
print(pcall(load(function() i = i + 1; if i == 1 then return "error('r')" end end)))
print(load("x = ", "=mychunk"))
print(load("x = ", "@mod.lua"))
print(load("x = "))
