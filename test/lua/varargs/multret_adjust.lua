-- adjusting multiple results
local function f() return 1, 2, 3 end
local a, b, c, d = f()
print(a, b, c, d)
local x, y = f(), 10
print(x, y)
local p, q, r = (f())
print(p, q, r)
print(f(), f())
print((f()), f())
print(f(), "x")
local t = {}
t.a, t.b, t.c = 0, f()
print(t.a, t.b, t.c)
local function g(...) return select("#", ...) end
print(g(f()), g(f(), f()), g((f())), g(f(), nil), g(nil, f()))
local s = string.format("%d %d %d", f())
print(s)
local function none() end
print(none())
print((none()))
print(select("#", none()), select("#", (none())))
