-- x - k and x << k are computed as x + (-k) and x >> (-k), as the reference compiles them
-- (visible with -0.0); metamethods still see the original operation and operand
local x = -0.0
print(x - 0, x - 1, x << 1, 5 << 2, 5 - 3, 2.5 - 1, -0.0 - 0, 1 << 63 << 1, (1 << 62) - -1)
local mt = {__sub = function(a, b) return "sub " .. tostring(b) end, __shl = function(a, b) return "shl " .. tostring(b) end}
local o = setmetatable({}, mt)
print(o - 5, o << 3, o - -7, pcall(function() return {} - 1 end))
print(pcall(function() local t = nil; return t - 1 end), pcall(function() local s = "10" return s - 1, s << 1 end))
print(math.mininteger - 1, math.maxinteger << 1, 3 - 127, 3 - 128, x - 127, x - 200)
