-- The longest pause of the collector: build a heap of about N MB (by
-- collectgarbage("count")) of small tables, with a weak table so that
-- collections matter, then time full collections.
local target = (tonumber(arg and arg[1]) or 1024) * 1024   -- KB
local weak = setmetatable({}, {__mode = "k"})
local keep = {}
local n = 0
collectgarbage("stop")
while collectgarbage("count") < target do
  local block = {}
  for i = 1, 1000 do block[i] = {i, "s", i * 0.5} end
  n = n + 1
  keep[n] = block
  weak[block] = true
end
collectgarbage("restart")
local kb = collectgarbage("count")
local worst = 0
for _ = 1, 3 do
  local t0 = os.clock()
  collectgarbage()
  local dt = os.clock() - t0
  if dt > worst then worst = dt end
end
print(string.format("heap %.0f MB (%d tables), longest full collection %.0f ms", kb / 1024, n * 1001, worst * 1000))
