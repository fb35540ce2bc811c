-- return hooks: one "return" event per returning function (none for tail-called frames' callers)
local events = {}
local function hook(event)
  local t = debug.getinfo(2, "nSl")
  events[#events + 1] = event .. " " .. tostring(t.name) .. " " .. t.what .. " line " .. t.currentline
end

local function leaf(x) return x + 1 end
local function tail(x) return leaf(x) end
local function noreturn() local y = 1 end
local function multi()
  if leaf(0) > 0 then
    return 1, 2
  end
  return 3
end

debug.sethook(hook, "r")
leaf(1)
tail(2)
noreturn()
multi()
local ok = pcall(error, "x")
local t = setmetatable({}, { __index = function(t, k) return k end })
local v = t.key
debug.sethook()

for i, e in ipairs(events) do print(i, e) end
