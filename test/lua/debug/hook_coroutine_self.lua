-- sethook inside a coroutine affects only that coroutine; call/return events around resume/yield
local log = {}
local function hook(ev, line)
  local t = debug.getinfo(2, "n")
  log[#log + 1] = ev .. ":" .. (line or tostring(t.name))
end

local co = coroutine.create(function(a)
  debug.sethook(hook, "crl")
  local b = a + 1
  local c = coroutine.yield(b)
  debug.sethook()
  return c
end)
print("resume 1", coroutine.resume(co, 1))
local x = 1     -- the main thread has no hook
print("resume 2", coroutine.resume(co, "back"))
print("events", table.concat(log, " "))

-- a hook on the main thread sees resume as a C call; nothing inside the coroutine
log = {}
local co2 = coroutine.wrap(function() local y = 2 return y end)
local co3 = coroutine.create(function() local y = 3 return y end)
debug.sethook(hook, "cr")
co2()
coroutine.resume(co3)
debug.sethook()
print("main events", table.concat(log, " "))
