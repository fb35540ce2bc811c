-- line hooks on straight-line code: every new line with code, in order
local lines = {}
local function hook(event, line)
  lines[#lines + 1] = line
end

debug.sethook(hook, "l")
local a = 1
local b = 2

-- a comment line

local c = a + b
local t = {
  x = 1,
  y = 2,
}
local s = "multi" ..
  "line" ..
  c
print("inside", c, s)
debug.sethook()
print("lines", table.concat(lines, " "))

-- the hook gets the event name and the line; the level-2 function is the hooked one
local got = {}
debug.sethook(function(ev, ln)
  got[#got + 1] = ev .. ":" .. ln .. ":" .. debug.getinfo(2, "S").what
end, "l")
local z = 1
debug.sethook()
print("events", table.concat(got, " "))
