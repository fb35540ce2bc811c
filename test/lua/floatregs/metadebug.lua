-- Float registers seen by the debug library, metamethods and error messages.
local y = 0.5 + 0.5
local x = y * 0.25

-- debug.getlocal sees ordinary floats, in this frame and in callers
local function locals(level)
  local out = {}
  local i = 1
  while true do
    local name, v = debug.getlocal(level, i)
    if not name then break end
    if type(v) == "number" then out[#out + 1] = name .. "=" .. tostring(v) .. ":" .. math.type(v) end
    i = i + 1
  end
  return table.concat(out, " ")
end
local function f(p)
  local q = p * 2.0
  local r = q - 0.5
  return locals(2)
end
print(f(1.5))
print(locals(1))

-- debug.setlocal over a float register
local function g()
  local v = 1.5 * 2
  debug.setlocal(1, 1, "replaced")
  return v
end
print(g())

-- debug.getupvalue on an open upvalue holding a float register
local function h()
  local u = 3.0 * 0.5
  local function inner() return u end
  print(debug.getupvalue(inner, 1))
  u = u + 1
  print(debug.getupvalue(inner, 1), inner())
  return inner
end
print(h()())

-- metamethods receive and return floats
local mt = {
  __add = function(a, b) return (type(a) == "table" and a.v or a) + (type(b) == "table" and b.v or b) + 0.5 end,
  __lt = function(a, b) return (type(a) == "table" and a.v or a) < (type(b) == "table" and b.v or b) end,
  __index = function(t, k) return k * 1.0 end,
  __call = function(self, a, b) return a + b, a * b end,
  __concat = function(a, b) return "cat" end,
}
local o = setmetatable({ v = 0.25 }, mt)
print(o + y, y + o, o + o, y < o, o < y)
print(o[x], o[y * 2])
print(o(x, y))
print(o .. x, x .. o)
local cnt = 0
local call = setmetatable({}, { __call = function(_, ...) cnt = select("#", ...); return ... end })
print(call(x, y, x + y), cnt)

-- numbers with a metatable (debug.setmetatable): __index on a float register
debug.setmetatable(0, { __index = function(n, k) return k .. "@" .. tostring(n) end })
print((y * 2).foo, x.bar)
debug.setmetatable(0, nil)

-- errors name the float register's variable and show the value's type
print(pcall(function() local w = y * 2; return w.field end))
print(pcall(function() local w = y * 2; return w() end))
print(pcall(function() local w = y * 2; return #w end))
print(pcall(function() local w = y * 2; return w < {} end))
print(pcall(function() local w = y * 2; return w & 1.5 end))
print(pcall(function() local w = y * 2; return w .. {} end))
print(pcall(string.rep, "x", x))
print(pcall(string.rep, "x", y * 2))
print(select(2, pcall(error, y * 3)))
print(select(2, xpcall(function() error(x) end, function(m) return m * 4 end)))

-- for-loop errors with float registers in the control expressions
print(pcall(function() for i = 1, y * 2, (y - y) do end end))
print(pcall(function() for i = {}, y * 2 do end end))

-- table keys: NaN and float registers with integral values
local t = {}
print(pcall(function() t[0 / (y - y)] = 1 end))
t[y * 3] = "three"
print(t[3], t[3.0], math.type(next(t)))
