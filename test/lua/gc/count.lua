-- collectgarbage("count") follows what is allocated and what survives
collectgarbage(); collectgarbage()
local base = collectgarbage("count")
local big = {}
for i = 1, 20000 do big[i] = {i} end
local full = collectgarbage("count")
print("grows with live data", full > base + 500)
big = nil
collectgarbage()
print("falls back when dropped", collectgarbage("count") < base + 50)
-- strings count by their length: two 1 MB strings
local s1, s2 = ("a"):rep(2^20), ("b"):rep(2^20)
collectgarbage()
local with = collectgarbage("count")
print("strings counted", with > base + 2000)
s1, s2 = nil, nil
collectgarbage()
print("strings released", collectgarbage("count") < with - 2000)
-- a string key of a weak table survives; a collectable value's entry does not
local w = setmetatable({}, {__mode = "kv"})
w[("k"):rep(2^20)] = 1
w[("j"):rep(2^20)] = {}
collectgarbage()
local c = collectgarbage("count")
print("one key kept", c > base + 1000 and c < base + 2000)
-- while the collector is stopped the count only grows
collectgarbage("stop")
local before = collectgarbage("count")
for i = 1, 1000 do local _ = {} end
print("stopped: grows", collectgarbage("count") > before)
collectgarbage("restart")
