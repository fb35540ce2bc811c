-- bitwise metamethods
local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
local function val(a) return type(a) == "table" and a.x or a end
for _, op in ipairs{"band", "bor", "bxor", "shl", "shr", "bnot"} do
  mt["__" .. op] = function(a, b) return op .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
end
local a, b = V(1), V(2)
print(a & b, a | b, a ~ b, a << b, a >> b, ~a)
print(a & 1, 1 | a, 2.5 ~ a, "s" << a)
-- without metamethods, non-integral floats are errors
print(pcall(function() return 1.5 & 1 end))
