-- jumps of every kind, across dropped MMBIN instructions: loops, goto, and/or, comparisons, closures
local function f(n)
  local t = {}
  for i = 1, n do t[#t + 1] = i * 2 + 1 end
  for i = n, 1, -1 do t[i] = t[i] - 1 end
  local s = 0
  for _, v in ipairs(t) do if v % 3 == 0 then s = s + v elseif v > 10 then s = s - 1 else goto next end ::next:: end
  local k = 0
  repeat k = k + 1 until k * k > s
  while k > 0 do k = k // 2 end
  return s, k, (s > 5 and "big" or "small"), 2 ^ 3, 7 // 2, 7 % 3, ~5, 1 << 3, 256 >> 4, 3.5 - 1
end
print(f(20))
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
print(co(1), co(10))
local big = {}
for i = 1, 300 do big[i] = i end
print(#big, select("#", table.unpack(big)), debug.getinfo(1, "l").currentline)
local x <const> = 10
local function g() local y <close> = setmetatable({}, {__close = function() print("closed") end}) return x + 1 end
print(g())
print(pcall(function() local z = {} ; return z.a.b end))
