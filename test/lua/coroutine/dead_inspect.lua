-- an error does not unwind the coroutine's stack: its frames can be inspected afterwards
local function inner(a, b)
  local sum = a + b
  error("failed with " .. sum)
end
local function outer(x)
  local y = x * 2
  inner(y, 1)
end
local co = coroutine.create(function(n) local z = n; outer(z) end)
print(coroutine.resume(co, 5))
print(coroutine.status(co))
print(debug.traceback(co))
print(debug.traceback(co, "msg"))
print(debug.traceback(co, "level 1", 1))
for level = 0, 4 do
  local info = debug.getinfo(co, level, "Sln")
  if info then print(level, info.short_src, info.currentline, info.name, info.what) else print(level, nil) end
end
for level = 1, 3 do
  local i = 1
  while true do
    local name, value = debug.getlocal(co, level, i)
    if not name then break end
    print("local", level, i, name, value)
    i = i + 1
  end
end
-- a suspended coroutine, likewise
local co2 = coroutine.create(function(p) local q = p + 1; coroutine.yield(q) end)
coroutine.resume(co2, 41)
print(debug.traceback(co2))
print(debug.getlocal(co2, 1, 1), debug.getlocal(co2, 1, 2))
-- after close the frames are gone
coroutine.close(co)
print(debug.traceback(co))
print(debug.getinfo(co, 0))
