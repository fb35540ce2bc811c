-- a hook set inside a function takes effect at the next line; sethook() turns it off
local lines = {}
local function hook(ev, line) lines[#lines + 1] = line end

local function f()
  local a = 1
  debug.sethook(hook, "l")
  local b = 2
  local c = 3
  return a + b + c
end
f()
local after = 1
debug.sethook()
local ignored = 2
print("set inside f", table.concat(lines, " "))

-- turned off inside a function: no events for the rest of it, nor after
lines = {}
local function g()
  local a = 1
  debug.sethook()
  local b = 2
  return b
end
debug.sethook(hook, "l")
g()
local more = 3
print("off inside g", table.concat(lines, " "), debug.gethook())

-- sethook with nil hook and a mask also turns it off
lines = {}
debug.sethook(hook, "l")
debug.sethook(nil, "l")
local x = 1
print("nil hook", #lines, debug.gethook())
-- set twice on the same line: the second replaces the first
lines = {}
local other = {}
debug.sethook(hook, "l"); debug.sethook(function(_, l) other[#other + 1] = l end, "l")
local y = 1
debug.sethook()
print("replaced", table.concat(lines, " "), table.concat(other, " "))
