-- Floats computed by the interpreter crossing every boundary out of the
-- register file: host calls, returns, tables, upvalues, varargs, coroutines.
local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) .. ":" .. tostring(math.type(t[i])) end
  print(table.concat(t, " "))
end

local a, b = 0.5, 1.5
local x = a * b          -- 0.75
local y = a + a          -- 1.0 (integral float)
local z = 2 * y          -- 2.0
local n = -(y - y)       -- -0.0
show(x, y, z, n, y / 0, -y / 0, 0 / (y - y))

-- host function arguments, and multiple results through varargs
show(select(2, x, y, z))
print(string.format("%g %g %.1f %s", x, y, z, y))
print(math.type(y), math.type(y // 1), math.tointeger(y), y == 1, y == 1.0, 1 == y)

-- tables: keys are normalized, values stay floats
local t = {}
t[y] = "one"; t[z] = "two"
print(t[1], t[2], #t, rawget(t, 1), next({[y] = true}))
t.f = x; t[3] = z; t[4] = n
show(t.f, t[3], t[4])
local s = { y, z, x, n }
show(table.unpack(s))
show(rawlen(s), #s)

-- returns to Lua, to host code, through tail calls and pcall
local function half(v) return v * 0.5 end
local function tail(v) return half(v + 0.0) end
show(half(3), tail(4), pcall(half, 5), select("#", half(1)))
local function many(v) return v + 0.5, v * 2.0, v - v end
show(many(1))
show((many(1)))
local r = { many(2) }
show(r[1], r[2], r[3])

-- upvalues: open, then closed, read and written from closures
local function counter()
  local acc = 0.0
  local function add(d) acc = acc + d; return acc end
  local function get() return acc end
  return add, get
end
local add, get = counter()
add(0.25); add(0.75)
show(get(), add(1))
local fs = {}
for i = 1, 3 do
  local v = i * 1.5
  fs[i] = function() return v end
end
show(fs[1](), fs[2](), fs[3]())

-- varargs holding floats
local function va(...)
  local p, q = ...
  return select("#", ...), p * 2, q, ...
end
show(va(x, y, z))

-- coroutines: floats passed to and from resume / yield / wrap
local co = coroutine.wrap(function(v)
  local w = coroutine.yield(v * 2.0)
  return w + 0.5, v / 4
end)
show(co(1.5))
show(co(2.0 * 1))

-- comparisons between float registers, integers and boxed floats
local big = 2^53
local i53 = math.tointeger(big)
print(big == i53, big + 1.0 == i53, big < i53 + 1, (y + y) == 2, (y + y) < 3, 3 <= z + 1)
local nan = 0 / (y - y)
print(nan == nan, nan ~= nan, nan < 1, nan >= 1, not (nan <= nan))
print(y == "1", x == nil, z ~= 2, -n == 0, n == 0)

-- string conversion, concatenation, length of results
print(x .. "", y .. "|" .. z, n .. "", #tostring(z))

-- numeric for with float register bounds and a float loop
local acc = {}
for i = y, z * 2, y / 2 do acc[#acc + 1] = i end
show(table.unpack(acc))
for i = 1, z do acc[i] = i end
show(acc[1], acc[2])

-- generic for over values produced by arithmetic
local function iter(lim, v)
  v = v + 0.5
  if v < lim then return v end
end
for v in iter, 2.0, 0.0 do io.write(tostring(v), " ") end
print()

-- integer-valued floats keep their subtype through every operation
show(y * 3, z - z, y // 1, z % 2, z ^ 2, -y, y + 1, 1 + y)
