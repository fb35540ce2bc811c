-- Memory per idle coroutine: 100,000 coroutines, each suspended at one yield
-- (each with its own closure, kept in one array). Prints a checksum on stdout
-- (the same under every engine, for bench/run.sh) and the bytes per
-- suspended coroutine on stderr: the collectgarbage("count") delta between
-- full collections, divided by the count. Under moonbox "count" is the JS
-- heap in use after a full V8 collection.
local N = 100000
collectgarbage(); collectgarbage()
local before = collectgarbage("count")
local cos = {}
for i = 1, N do
  local co = coroutine.create(function(x) local y = coroutine.yield(x) return x + y end)
  coroutine.resume(co, i)
  cos[i] = co
end
collectgarbage(); collectgarbage()
local after = collectgarbage("count")
io.stderr:write(string.format("bytes per suspended coroutine: %.0f\n", (after - before) * 1024 / N))
local sum = 0
for i = 1, N do
  local _, v = coroutine.resume(cos[i], 1)
  sum = sum + v
end
print(sum)
