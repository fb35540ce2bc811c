-- string.dump + load round trips (behaviour only, never the bytes)
local function f(a, b) local t = { a, b } return a + b, #t, "k" .. a end
local d = string.dump(f)
print("type", type(d), #d > 0, d:sub(1, 4) == "\27Lua")
local g = load(d, "dumped", "b")
print("call", g(2, 3))
local gs = load(string.dump(f, true))
print("stripped call", gs(4, 5))
print("text mode", load(d, "x", "t"))
print("binary mode", load("return 1", "x", "b"))
print("upvalue", pcall(function()
  local up = 10
  local h = function() return up end
  local hd = load(string.dump(h))
  return hd() == _G, (debug.getupvalue(hd, 1))
end))
local function errf() error("E") end
print("lines", pcall(load(string.dump(errf), "=chunk")))
print("stripped lines", pcall(load(string.dump(errf, true), "=chunk")))
print("host fn", pcall(string.dump, print))
print("not fn", pcall(string.dump, {}))
print("no arg", pcall(string.dump))
print("number", pcall(string.dump, 1))
local nested = function(n) local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end return fib(n) end
print("nested", load(string.dump(nested))(15))
local vf = function(...) return select('#', ...), ... end
print("vararg", load(string.dump(vf))(1, nil, 3))
print("consts", load(string.dump(function() return 1, 1.5, "s", true, nil, 2^63, math.mininteger end))())
local main = load("local x = ... return x * 2")
print("main chunk", load(string.dump(main))(21))
print("strip truthy", load(string.dump(f, 1))(1, 2))
print("redump", load(string.dump(load(string.dump(f))))(6, 7))
print("truncated", load(d:sub(1, #d // 2)))
print("method", pcall(function() return ("x"):dump() end))
