-- a call may continue on the next line; '(' at line start continues the expression
local function f(x) return function(y) return (x or "nil") .. "+" .. tostring(y) end end
local a = f
("one")
print(a(2))
local s = "str"
local n = #s
print(n)
local g = f"lit"
(3)
print(g)
print(f
"x"
(4))
