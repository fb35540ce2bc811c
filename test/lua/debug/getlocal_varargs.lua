-- getlocal with negative indices: vararg arguments, named "(vararg)"
local function f(a, ...)
  local r = {}
  local i = -1
  while true do
    local name, value = debug.getlocal(1, i)
    if name == nil then break end
    r[#r + 1] = name .. "=" .. tostring(value)
    i = i - 1
  end
  print("varargs of f", #r, table.concat(r, " "))
  print("first named", debug.getlocal(1, 1))
  print("setlocal -2", debug.setlocal(1, -2, "changed"))
  print("after setlocal", ...)
  print("setlocal -10", debug.setlocal(1, -10, "x"))
end
f("a", 10, nil, "z")
f("a")

local function nonvararg(a)
  print("non-vararg -1", debug.getlocal(1, -1))
end
nonvararg(1)

local function g(...)
  local t = { debug.getlocal(2, -1) }   -- level 2: the caller's varargs
  return t[1], t[2]
end
local function h(...)
  local n, v = g()
  return n, v
end
print("caller varargs", h("hv1", "hv2"))
-- the main chunk is vararg: script arguments (none here)
print("main chunk -1", debug.getlocal(1, -1))
