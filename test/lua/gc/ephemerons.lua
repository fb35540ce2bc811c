-- ephemerons: in a weak-key table a value is reachable only through its key
local mt = {__mode = "k"}
local a = setmetatable({}, mt)
-- a chain: each value refers to the next key; the head is held by 'x'
local x
for i = 1, 100 do local n = {}; a[n] = {k = {x}}; x = n end
collectgarbage()
local n, i = x, 0
while n do n = a[n].k[1]; i = i + 1 end
print("chain intact", i)
x = nil
collectgarbage()
print("chain collected", next(a) == nil)
-- a cycle of entries (key1 -> value1 -> key2 -> value2 -> key1) with no outside reference
do
  local k1, k2 = {}, {}
  a[k1] = {k2}
  a[k2] = {k1}
end
collectgarbage()
print("cycle collected", next(a) == nil)
-- two ephemeron tables referring to each other's keys
local b = setmetatable({}, mt)
local root = {}
do
  local k = {}
  a[root] = k      -- root (held) -> k
  b[k] = {"reached through a"}
end
collectgarbage()
local k = a[root]
print("cross-table", b[k] and b[k][1])
