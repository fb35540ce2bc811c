-- Per-instruction costs: ns per loop iteration for loop bodies of ten copies
-- of one statement, timed with os.clock inside one run. Run it under both
-- engines in the same minute and compare:
--   lua5.4 bench/micro/ops.lua ; node bin/moonbox.js bench/micro/ops.lua
local N = tonumber(arg and arg[1]) or 2000000

-- Every case runs once untimed first, so that moonbox's JIT has seen all
-- of them (a new opcode reoptimizes the interpreter loop), then timed.
local cases = {}
local function time(name, f) cases[#cases + 1] = { name, f } end

time("empty numeric for", function(n) for _ = 1, n do end end)
time("a = b  b = a  (MOVE x10)", function(n)
  local a, b = 1, 2
  for _ = 1, n do a = b b = a a = b b = a a = b b = a a = b b = a a = b b = a end
  return a
end)
time("a = a + 1  (ADDI x10, integers)", function(n)
  local a = 0
  for _ = 1, n do a = a + 1 a = a + 1 a = a + 1 a = a + 1 a = a + 1 a = a + 1 a = a + 1 a = a + 1 a = a + 1 a = a + 1 end
  return a
end)
time("a = a + b  (ADD x10, floats)", function(n)
  local a, b = 0.5, 0.25
  for _ = 1, n do a = a + b a = a + b a = a + b a = a + b a = a + b a = a + b a = a + b a = a + b a = a + b a = a + b end
  return a
end)
time("a = a * b + c  (MUL, ADD x10)", function(n)
  local a, b, c = 0.5, 0.999, 0.001
  for _ = 1, n do
    a = a * b + c a = a * b + c a = a * b + c a = a * b + c a = a * b + c
    a = a * b + c a = a * b + c a = a * b + c a = a * b + c a = a * b + c
  end
  return a
end)
local t = { x = 1 }
time("a = t.x  (GETUPVAL, GETFIELD x10)", function(n)
  local a
  for _ = 1, n do a = t.x a = t.x a = t.x a = t.x a = t.x a = t.x a = t.x a = t.x a = t.x a = t.x end
  return a
end)
local function id(x) return x end
time("a = f(a)  (Lua call x10)", function(n)
  local a = 1
  for _ = 1, n do a = id(a) a = id(a) a = id(a) a = id(a) a = id(a) a = id(a) a = id(a) a = id(a) a = id(a) a = id(a) end
  return a
end)
local abs = math.abs
time("a = abs(a)  (host call x10)", function(n)
  local a = 1
  for _ = 1, n do a = abs(a) a = abs(a) a = abs(a) a = abs(a) a = abs(a) a = abs(a) a = abs(a) a = abs(a) a = abs(a) a = abs(a) end
  return a
end)

-- The best of three timings: moonbox's JIT may still be recompiling the
-- interpreter loop during the first.
local function measure(c, n)
  local best = math.huge
  for _ = 1, 3 do
    local t0 = os.clock()
    c[2](n)
    best = math.min(best, os.clock() - t0)
  end
  return string.format("%-34s %6.1f ns", c[1], best / n * 1e9)
end
for _, c in ipairs(cases) do measure(c, N // 10) end -- warm-up, the timing code included
for _, c in ipairs(cases) do print(measure(c, N)) end
