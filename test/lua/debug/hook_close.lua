-- call/return hooks around __close handlers
local log = {}
local function hook(ev)
  local t = debug.getinfo(2, "nr")
  log[#log + 1] = ev .. ":" .. tostring(t.name) .. ":" .. t.ntransfer
end
local closer = setmetatable({}, { __close = function(o, err) local x = 1 end })

local function withclose()
  local c <close> = closer
  return "r1", "r2"
end

local function errclose()
  local c <close> = closer
  error("e")
end

debug.sethook(hook, "cr")
local a, b = withclose()
do
  local c <close> = closer
end
pcall(errclose)
debug.sethook()
for i, l in ipairs(log) do print(i, l) end
