-- coroutines resumed inside coroutines, moderately deep
local function nest(n)
  if n == 0 then coroutine.yield("y0"); return "r0" end
  local co = coroutine.create(nest)
  local _, a = coroutine.resume(co, n - 1)   -- the child's yield
  coroutine.yield(a .. "<" .. n)             -- passed upwards
  local _, b = coroutine.resume(co)          -- the child's return
  return b .. ">" .. n
end
local top = coroutine.create(nest)
local _, y = coroutine.resume(top, 100)
local _, r = coroutine.resume(top)
print(#y, y:sub(1, 12), y:sub(-12))
print(#r, r:sub(1, 12), r:sub(-12), coroutine.status(top))
-- each coroutine has its own stack: deep recursion inside one does not affect another
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
local c1 = coroutine.wrap(function() return depth(50000) end)
local c2 = coroutine.wrap(function() return depth(60000) end)
print(c1(), c2())
