-- Coroutine switching: resume/yield pairs with coroutine.resume (values in
-- both directions) and through a coroutine.wrap generator.
local N = 1000000
local acc = coroutine.create(function(a)
  local s = 0
  while true do
    s = (s + a) % 1000000007
    a = coroutine.yield(s)
  end
end)
local sum = 0
for i = 1, N do
  local _, v = coroutine.resume(acc, i)
  sum = (sum + v) % 1000000007
end
local gen = coroutine.wrap(function()
  for i = 1, N do coroutine.yield(i, -i) end
end)
local s2 = 0
for _ = 1, N do
  local a, b = gen()
  s2 = s2 + a - b
end
print(sum, s2)
