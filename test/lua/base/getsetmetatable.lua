-- getmetatable / setmetatable
local mt = {}
local t = {}
print(setmetatable(t, mt) == t, getmetatable(t) == mt)
print(getmetatable({}), getmetatable(1), getmetatable(print))
print(getmetatable("x") == getmetatable("y"), type(getmetatable("x")))
local protected = setmetatable({}, {__metatable = {fake = true}})
print(getmetatable(protected).fake)
print(pcall(setmetatable, protected, {}))
print(pcall(setmetatable, "str", {}))
print(pcall(setmetatable, {}, "mt"))
print(pcall(getmetatable))
print(getmetatable(setmetatable({}, {__metatable = 0})))
