-- getinfo option 'l': currentline at each level of nested calls
local function inner()
  local a = debug.getinfo(1, "l").currentline
  local b = debug.getinfo(2, "l").currentline
  local c = debug.getinfo(3, "l").currentline
  return a, b, c
end

local function middle()
  local a, b, c = inner()
  return a, b, c
end

local function outer()
  local x, y, z = inner()
  print("inner/outer/main", x, y, z)
  print("via middle", middle())
  local r = { inner() }
  print("table ctor", r[1], r[2], r[3])
end

outer()
print("main line", debug.getinfo(1, "l").currentline)

-- a non-active function has no current line
print("function value", debug.getinfo(outer, "l").currentline)
-- a C function at a level: -1
local lines = {}
table.sort({ 2, 1 }, function(p, q)
  lines[1] = debug.getinfo(2, "l").currentline   -- table.sort (C)
  lines[2] = debug.getinfo(3, "l").currentline   -- main chunk
  return p < q
end)
print("C level", lines[1], lines[2])
-- multi-line call: the line of the call instruction
local v = debug.getinfo(
  1,
  "l"
).currentline
print("multi-line call", v)
