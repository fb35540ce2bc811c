-- unary metamethods receive the operand twice
local mt = {__unm = function(a, b) return "unm", rawequal(a, b) end,
            __bnot = function(a, b) return "bnot", rawequal(a, b) end,
            __len = function(a, b) return rawequal(a, b) end}
local t = setmetatable({}, mt)
print(-t, ~t, #t)
print(pcall(function() return -{} end))
print(pcall(function() return ~{} end))
