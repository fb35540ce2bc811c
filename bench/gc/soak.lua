-- Soak: allocate and drop GB gigabytes (default 10) of tables while holding
-- 10 MB, with a weak table so that collections matter; report the highest
-- collectgarbage("count") seen (run under /usr/bin/time for the peak RSS).
local gb = tonumber(arg and arg[1]) or 10
local held = {}
for i = 1, 10 do held[i] = ("h"):rep(1024 * 1024) .. i end
local weak = setmetatable({}, {__mode = "v"})
local allocated, peak, samples = 0, 0, 0
while allocated < gb * 2^30 do
  local t = {}
  for i = 1, 1000 do t[i] = {i, i + 1} end   -- about 180 KB
  weak[1] = t
  allocated = allocated + 180 * 1024
  samples = samples + 1
  if samples % 16 == 0 then
    local c = collectgarbage("count")
    if c > peak then peak = c end
  end
end
print(string.format("allocated %.1f GB, held 10 MB, highest count %.1f MB", allocated / 2^30, peak / 1024))
