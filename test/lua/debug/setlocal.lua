-- setlocal: changes visible to the running function after the callee returns
local function set(level, name, value)
  local i = 1
  while true do
    local n = debug.getlocal(level + 1, i)
    if n == nil then return nil end
    if n == name then return debug.setlocal(level + 1, i, value) end
    i = i + 1
  end
end

local function f(p)
  local x = 1
  local y = "y"
  print("set x", set(1, "x", 100))
  print("set p", set(1, "p", "param"))
  print("set missing", set(1, "nope", 0))
  print("after", p, x, y)
  return x
end
print("returned", f("arg"))

-- setting a local of the caller two levels up
local function changer() set(2, "target", "changed") end
local function owner()
  local target = "original"
  changer()
  return target
end
print("caller's local", owner())

-- setlocal returns the name; nil past the active locals
local function g()
  local a = 1
  print("name", debug.setlocal(1, 1, 2), a)
  print("past end", debug.setlocal(1, 50, 0))
end
g()
-- a captured local changed by setlocal is seen by its closure
local function h()
  local v = "before"
  local get = function() return v end
  debug.setlocal(1, 1, "after")
  return get()
end
print("closure sees", h())
-- setlocal in a loop variable copy does not change the iteration
local seen = {}
for i = 1, 3 do
  seen[#seen + 1] = i
  set(1, "i", 10)
end
print("loop", table.concat(seen, " "))
