-- argument adjustment and evaluation order
local function f(a, b, c) return a, b, c end
print(f(1))
print(f(1, 2, 3, 4))
local order = {}
local function mark(v) order[#order + 1] = v; return v end
f(mark(1), mark(2), mark(3))
print(table.concat(order, ","))
local function ret() return end
print(select("#", ret()))
print(pcall(f))
-- functions are first-class values
local ops = {add = function(a, b) return a + b end, mul = function(a, b) return a * b end}
print(ops.add(2, 3), ops["mul"](2, 3))
local function apply(g, ...) return g(...) end
print(apply(math.max, 3, 9, 4))
-- string and table call syntax
print(type"x", #{n = 1}, select("#", f{}))
