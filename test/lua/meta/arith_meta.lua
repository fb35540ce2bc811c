-- arithmetic metamethods
local mt = {}
local function V(x) return setmetatable({x = x}, mt) end
local function val(a) return type(a) == "table" and a.x or a end
for _, op in ipairs{"add", "sub", "mul", "div", "mod", "pow", "unm", "idiv"} do
  mt["__" .. op] = function(a, b) return op .. "(" .. tostring(val(a)) .. "," .. tostring(val(b)) .. ")" end
end
local a, b = V(1), V(2)
print(a + b, a - b, a * b, a / b)
print(a % b, a ^ b, -a, a // b)
print(a + 10, 10 + a, "s" * a, a - "5")
print(1.5 / a, a // 0)
