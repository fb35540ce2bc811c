-- yield from inside every kind of metamethod called by Lua code
local Y = coroutine.yield
local mt = {
  __index = function(_, k) return Y("index " .. k) end,
  __newindex = function(_, k, v) rawset(_, k, Y("newindex " .. k)) end,
  __call = function(_, a) return Y("call " .. a) end,
  __add = function(a, b) return Y("add") end, __sub = function() return Y("sub") end,
  __mul = function() return Y("mul") end, __div = function() return Y("div") end,
  __mod = function() return Y("mod") end, __pow = function() return Y("pow") end,
  __unm = function() return Y("unm") end, __idiv = function() return Y("idiv") end,
  __band = function() return Y("band") end, __bor = function() return Y("bor") end,
  __bxor = function() return Y("bxor") end, __shl = function() return Y("shl") end,
  __shr = function() return Y("shr") end, __bnot = function() return Y("bnot") end,
  __concat = function() return Y("concat") end, __len = function() return Y("len") end,
  __eq = function() return Y("eq") end, __lt = function() return Y("lt") end,
  __le = function() return Y("le") end,
}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
local co = coroutine.wrap(function()
  print("index", a.x)
  a.y = 1; print("newindex", rawget(a, "y"))
  print("call", a(5))
  print("arith", a + 1, 2 - a, a * a, a / 2, a % 3, a ^ 2, -a, a // 2)
  print("bitwise", a & 1, a | 1, a ~ 1, a << 1, a >> 1, ~a)
  print("concat", a .. "s", "s" .. a, 1 .. a)
  print("len", #a)
  print("eq", a == b, a ~= b)
  print("lt", a < b, a > b, 1 < a)
  print("le", a <= b, a >= b, a <= 1)
  if a < b then print("lt in test") end
  if not (a <= b) then print("le in test") end
  return "done"
end)
local v = co()
local n = 0
while v ~= "done" do
  n = n + 1
  local r = v
  if v:match("^eq") or v:match("^lt") or v:match("^le") then r = (n % 2 == 0) elseif v == "len" then r = 42 else r = v .. "!" end
  v = co(r)
end
print("yields", n)
