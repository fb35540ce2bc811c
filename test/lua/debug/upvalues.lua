-- getupvalue/setupvalue on Lua closures
local a, b = 1, "two"
local function f() return a, b end
print("1", debug.getupvalue(f, 1))
print("2", debug.getupvalue(f, 2))
print("3", debug.getupvalue(f, 3))
print("0", debug.getupvalue(f, 0))
print("-1", debug.getupvalue(f, -1))
print("results past end", select("#", debug.getupvalue(f, 3)))

print("set 1", debug.setupvalue(f, 1, 10))
print("f now", f())
print("a now", a)           -- the shared variable changed
print("set 3", debug.setupvalue(f, 3, 0))
print("results set past end", select("#", debug.setupvalue(f, 3, 0)))

-- order is the order of first use in the function
local x, y, z = "x", "y", "z"
local function g() return z, x end
print("g 1", debug.getupvalue(g, 1))
print("g 2", debug.getupvalue(g, 2))
-- _ENV is an upvalue of a function that uses globals
local function h() return print end
print("h 1", (debug.getupvalue(h, 1)))
print("h 1 value is _G", select(2, debug.getupvalue(h, 1)) == _G)
-- replacing the _ENV of a loaded chunk (its own upvalue)
local chunk = load("return print")
debug.setupvalue(chunk, 1, { print = "fake print" })
print("chunk with new env", chunk())
-- upvalues of a nested closure chain
local function outer()
  local count = 0
  return function() count = count + 1; return count end
end
local c1 = outer()
c1(); c1()
print("counter", debug.getupvalue(c1, 1))
-- main chunk of a loaded function: its only upvalue is _ENV
print("loaded", (debug.getupvalue(load("return 1"), 1)))
