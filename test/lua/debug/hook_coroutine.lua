-- hooks are per thread: set with a thread argument, inherited by new coroutines
local log = {}
local function hook(ev, line) log[#log + 1] = ev .. ":" .. tostring(line) end
local function flush(label)
  print(label, table.concat(log, " "))
  log = {}
end

-- 1. a coroutine created before the hook is set does not see the main thread's hook
local before = coroutine.create(function()
  local a = 1
  coroutine.yield()
  local b = 2
end)
debug.sethook(hook, "l")
coroutine.resume(before)
debug.sethook()
flush("created before")

-- 2. a coroutine created while a hook is set inherits the mask but not the Lua
--    hook function (the debug library keeps hook functions per thread): no events
debug.sethook(hook, "l")
local during = coroutine.create(function()
  local a = 1
  coroutine.yield()
end)
coroutine.resume(during)
debug.sethook()
flush("created during")
local hf, mask, count = debug.gethook(during)
print("inherited gethook", hf == nil, mask, count)

-- 3. a hook set only on a coroutine
local only = coroutine.create(function()
  local x = 1
  coroutine.yield()
  local y = 2
end)
debug.sethook(only, hook, "l")
local z = 0
coroutine.resume(only)
z = z + 1
coroutine.resume(only)
flush("hook on the coroutine only")
print("main has no hook", debug.gethook())

-- 4. turning off a coroutine's hook from outside
local again = coroutine.create(function()
  local p = 1
  coroutine.yield()
  local q = 2
end)
debug.sethook(again, hook, "l")
coroutine.resume(again)
debug.sethook(again)
coroutine.resume(again)
flush("turned off between resumes")
