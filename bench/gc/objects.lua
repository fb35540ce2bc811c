-- Bytes per object as collectgarbage("count") reports them: run it under
-- lua5.4 and moonbox to compare what each engine's objects cost.
local N = 100000
local function per(make)
  collectgarbage(); collectgarbage()
  local keep = {}
  for i = 1, 1000 do keep[i] = make(i) end  -- grow 'keep' first, outside the measure
  collectgarbage()
  local before = collectgarbage("count")
  for i = 1, N do keep[1000 + i] = make(i) end
  collectgarbage()
  local after = collectgarbage("count")
  return (after - before) * 1024 / N
end
local rows = {
  {"empty table", function() return {} end},
  {"table of 4 (constructor)", function(i) return {i, i, i, i} end},
  {"table of 4 (appends)", function(i) local t = {} for j = 1, 4 do t[j] = i end return t end},
  {"table with 2 fields", function(i) return {x = i, y = i} end},
  {"closure with 2 upvalues", function(i) local a, b = i, i return function() return a + b end end},
  {"coroutine", function() return coroutine.create(print) end},
  {"string of 100 bytes", function(i) return ("x"):rep(96) .. (1000 + i % 9000) end},
}
for _, r in ipairs(rows) do print(string.format("%-26s %6.0f", r[1], per(r[2]))) end
