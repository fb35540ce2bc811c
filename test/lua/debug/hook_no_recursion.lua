-- while a hook runs, hooks are disabled: functions it calls produce no events
local events = {}
local depth = 0
local function helper(x) return x * 2 end
local function hook(ev, line)
  depth = depth + 1
  local name = debug.getinfo(2, "n").name
  events[#events + 1] = ev .. ":" .. tostring(line or name) .. ":" .. depth
  helper(1)                      -- no call/line events for this
  local s = string.rep("x", 2)   -- nor for C functions
  depth = depth - 1
end

local function f()
  return helper(3)
end
debug.sethook(hook, "crl")
f()
debug.sethook()
for i, e in ipairs(events) do print(i, e) end

-- a hook calling sethook changes the hook for the following events
local log = {}
local function h2(ev, line) log[#log + 1] = "h2:" .. line end
local function h1(ev, line)
  log[#log + 1] = "h1:" .. line
  debug.sethook(h2, "l")
end
debug.sethook(h1, "l")
local a = 1
local b = 2
debug.sethook()
print("switch", table.concat(log, " "))
