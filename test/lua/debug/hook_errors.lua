-- errors raised inside a hook propagate to the enclosing pcall. The hook stays
-- installed after the error, so each hook here turns itself off before raising.
local function boom(ev, line)
  debug.sethook()
  error("hook failed at " .. ev .. " " .. tostring(line))
end

local function f()
  local a = 1
  return a
end

local ok, msg = pcall(function()
  debug.sethook(boom, "l")
  f()
end)
print("line hook", ok, msg)

ok, msg = pcall(function()
  debug.sethook(boom, "c")
  f()
end)
print("call hook", ok, msg)

-- a table error object
local count = 0
ok, msg = pcall(function()
  debug.sethook(function(ev)
    count = count + 1
    debug.sethook()
    error({ code = count })
  end, "r")
  f()
end)
print("table error", ok, type(msg), msg.code, debug.gethook())

-- an error with level 2 inside a hook points at the hooked function
ok, msg = pcall(function()
  debug.sethook(function(ev, line)
    debug.sethook()
    error("level 2", 2)
  end, "l")
  local z = 1
end)
print("level 2", ok, msg)
-- xpcall with a traceback handler
ok, msg = xpcall(function()
  debug.sethook(function() debug.sethook(); error("in hook") end, "l")
  local z = 1
end, debug.traceback)
print("xpcall", ok, msg)
-- a hook that does not turn itself off stays installed after the error: the
-- call event of the next call (print) raises again, uncaught (see the .err file)
pcall(function()
  debug.sethook(function() error("still installed") end, "c")
  f()
end)
print("not reached")
