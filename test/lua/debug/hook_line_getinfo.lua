-- inside a line hook, getinfo(2) describes the hooked function at the new line
local log = {}
local function hook(ev, line)
  local t = debug.getinfo(2, "lSn")
  log[#log + 1] = line .. "=" .. t.currentline .. "(" .. t.what .. "," .. tostring(t.name) .. ")"
  local self = debug.getinfo(1, "S")
  if self.what ~= "Lua" then error("hook level 1 is not the hook") end
end

local function f(x)
  local y = x
  return y
end
debug.sethook(hook, "l")
f(1)
local z = 3
debug.sethook()
print(table.concat(log, " "))

-- locals of the hooked function are visible at level 2
local seen = {}
local function g()
  local a = "A"
  local b = "B"
  return a .. b
end
debug.sethook(function(ev, line)
  local info = debug.getinfo(2, "f")
  if info.func == g then
    local names = {}
    for i = 1, 10 do
      local n, v = debug.getlocal(2, i)
      if not n or n:sub(1, 1) == "(" then break end
      names[#names + 1] = n .. "=" .. tostring(v)
    end
    seen[#seen + 1] = line .. ":[" .. table.concat(names, ",") .. "]"
  end
end, "l")
g()
debug.sethook()
print(table.concat(seen, " "))
-- the traceback from inside a hook shows the hook frame
local tb
debug.sethook(function() tb = tb or debug.traceback("tb", 1) end, "l")
local w = 1
debug.sethook()
print(tb)
