-- Lua metamethods called by the interpreter: results, tracebacks, error
-- levels, depth limits and yields, for every inlined event
local mt = {}
mt.__index = function(t, k) return k .. "?" end
mt.__newindex = function(t, k, v) rawset(t, k, v * 2) end
mt.__add = function(a, b) return (type(a) == "table" and a.v or a) + (type(b) == "table" and b.v or b) end
mt.__sub = function(a, b) return "sub" end
mt.__mul = function(a, b) return "mul" end
mt.__div = function(a, b) return "div" end
mt.__mod = function(a, b) return "mod" end
mt.__idiv = function(a, b) return "idiv" end
mt.__pow = function(a, b) return "pow" end
mt.__band = function(a, b) return "band" end
mt.__eq = function(a, b) return a.v == b.v end
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local a = setmetatable({v = 1}, mt)
local b = setmetatable({v = 2}, mt)
print(a.x, a[1], a[2.5], a + b, a + 10, 10 + a, a + 0.5)
a.y = 21
print(rawget(a, "y"))
print(a - 1, a * 1, a / 1, a % 1, a // 1, a ^ 1, a & 1, 1 - a, 2.0 * a)
print(a == b, a ~= b, a < b, a <= b, a > b, a >= b, b < a, b <= a)
print(a == setmetatable({v = 1}, mt), not (a == a))
if a < b then print("lt jump taken") end
if b <= a then print("wrong") else print("le jump not taken") end
-- self-method lookups through __index functions
local proto = {greet = function(self, n) return "hi " .. n end}
local obj = setmetatable({}, {__index = function(t, k) return proto[k] end})
print(obj:greet("bob"))
-- tracebacks from inside metamethods
local tmt = {__index = function(t, k) return debug.traceback("idx", 1) end,
             __add = function() return debug.traceback("add", 1) end,
             __lt = function() print(debug.traceback("lt", 1)) return false end}
local o = setmetatable({}, tmt)
local function user() return o.field end
print(user())
print(o + 1)
print(o < o)
-- errors with levels point at the right place
local emt = {__index = function(t, k) error("no field " .. k, 2) end,
             __add = function() error("bad add") end,
             __eq = function() error({code = 7}) end}
local e = setmetatable({}, emt)
print(pcall(function() return e.missing end))
print(pcall(function() return e + 1 end))
local ok, err = pcall(function() return e == setmetatable({}, emt) end)
print(ok, type(err), err.code)
-- depth limit: each metamethod call counts like a C call
local depth = 0
local deep = setmetatable({}, {__index = function(t, k) depth = depth + 1; return t[k] end})
local ok2, msg = pcall(function() return deep.x end)
print(ok2, msg, depth)
depth = 0
local dm = {}
dm.__add = function(x, y) depth = depth + 1; return x + y end
print(pcall(function() return setmetatable({}, dm) + 1 end))
print(depth)
-- yields inside every kind of metamethod
local co = coroutine.wrap(function()
  local ym = {}
  ym.__index = function(t, k) return coroutine.yield("index " .. k) end
  ym.__newindex = function(t, k, v) rawset(t, k, coroutine.yield("newindex " .. k)) end
  ym.__add = function(x, y) return coroutine.yield("add") end
  ym.__eq = function(x, y) return coroutine.yield("eq") end
  ym.__lt = function(x, y) return coroutine.yield("lt") end
  ym.__le = function(x, y) return coroutine.yield("le") end
  local p, q = setmetatable({}, ym), setmetatable({}, ym)
  local r1 = p.key
  p.other = 5
  local r2 = p + 1
  local r3 = p == q
  local r4 = p < q
  local r5 = p <= q
  print("results", r1, rawget(p, "other"), r2, r3, r4, r5)
  if p < q then print("branch lt") else print("branch not lt") end
  return "end"
end)
local v = co()
local answers = {"K", "O", 42, 1, false, "yes", true}
local n = 0
while v ~= "end" do
  n = n + 1
  print("yielded", v)
  v = co(answers[n])
end
print(n)
