-- yields inside pcall/xpcall bodies and handlers
local co = coroutine.create(function()
  print("xpcall ok", xpcall(function(a) return coroutine.yield("body " .. a) end, print, "A"))
  print("xpcall err", xpcall(function()
    coroutine.yield("before error")
    error("E", 0)
  end, function(m) return "handled " .. m end))
  -- nested pcall inside xpcall, yield in the innermost
  print("nested", xpcall(function()
    return pcall(function() return coroutine.yield("deep"), "x" end)
  end, debug.traceback))
  -- the handler itself may call pcall and the pcall'd code may not yield (handler is not yieldable)
  print("handler yield", xpcall(function() error("F", 0) end, function(m)
    local ok, e = pcall(coroutine.yield, "from handler")
    return m .. " / " .. tostring(ok) .. " " .. tostring(e)
  end))
  print("isyieldable in handler", xpcall(error, function() return coroutine.isyieldable() end))
  return "done"
end)
local ok, v = coroutine.resume(co)
while coroutine.status(co) ~= "dead" do
  print("yielded", ok, v)
  ok, v = coroutine.resume(co, v .. "!")
end
print("final", ok, v)
