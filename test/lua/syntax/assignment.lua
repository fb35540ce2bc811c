-- multiple assignment: all expressions are evaluated before assignment
local a, b, c = 1, 2
print(a, b, c)
a, b = b, a
print(a, b)
local t = {1, 2}
local i = 1
i, t[i] = i + 1, "changed"
print(i, t[1], t[2])
local x, y = 1
print(x, y)
local p, q = 1, 2, 3
print(p, q)
local function f() return "f1", "f2" end
local m, n, o = f()
print(m, n, o)
m, n, o = f(), f()
print(m, n, o)
m, n, o = 0, f()
print(m, n, o)
