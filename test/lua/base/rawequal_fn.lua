-- rawequal
local mt = {__eq = function() return true end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, rawequal(a, b), rawequal(a, a))
print(rawequal(1, 1.0), rawequal("x", "x"), rawequal(0, -0.0), rawequal(0/0, 0/0))
print(rawequal(nil, nil), rawequal(nil, false), rawequal(print, print))
print(pcall(rawequal))
print(pcall(rawequal, 1))
