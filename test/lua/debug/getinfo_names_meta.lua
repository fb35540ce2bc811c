-- name/namewhat of metamethods called by the VM
local log = {}
local function who()
  local t = debug.getinfo(2, "n")
  log[#log + 1] = tostring(t.name) .. "/" .. t.namewhat
end
local function mm(ret) return function() who() return ret end end

local mt = {
  __index = mm(1), __newindex = mm(), __add = mm(1), __sub = mm(1), __mul = mm(1),
  __div = mm(1), __mod = mm(1), __pow = mm(1), __unm = mm(1), __idiv = mm(1),
  __band = mm(1), __bor = mm(1), __bxor = mm(1), __shl = mm(1), __shr = mm(1),
  __bnot = mm(1), __concat = mm("s"), __len = mm(1), __eq = mm(true),
  __lt = mm(true), __le = mm(true), __call = mm(1),
}
local a = setmetatable({}, mt)
local b = setmetatable({}, mt)
local function run(label, f)
  log = {}
  f()
  print(label, table.concat(log, " "))
end
run("index", function() return a.x end)
run("newindex", function() a.x = 1 end)
run("arith", function() return a + 1, a - 1, a * 1, a / 1, a % 1, a ^ 1, a // 1 end)
run("unm", function() return -a end)
run("bitwise", function() return a & 1, a | 1, a ~ 1, a << 1, a >> 1, ~a end)
run("concat", function() return a .. "x" end)
run("len", function() return #a end)
run("eq", function() return a == b end)
run("lt", function() return a < b end)
run("le", function() return a <= b end)
run("gt uses lt", function() return a > b end)
run("call", function() local r = a() return r end)
run("call as local", function() local obj = a; local r = obj(); return r end)
run("call as field", function() local t = { f = a }; local r = t.f(); return r end)
run("tail call", function() return a() end)
