-- a Lua hook cannot yield: the debug library calls it without a continuation
local co = coroutine.create(function()
  debug.sethook(function(ev, line)
    debug.sethook()
    coroutine.yield("from hook")
  end, "l")
  local a = 1
  return "end"
end)
print(coroutine.resume(co))
print(coroutine.status(co))
-- the same from a count hook
co = coroutine.create(function()
  debug.sethook(function()
    debug.sethook()
    print("yieldable in hook", coroutine.isyieldable())
    coroutine.yield()
  end, "", 1)
  local a = 1
end)
print(coroutine.resume(co))
-- a hook may resume other coroutines
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
local got = {}
debug.sethook(function() got[#got + 1] = gen() end, "l")
local x = 1
local y = 2
debug.sethook()
print("resumed from hook", table.concat(got, " "))
