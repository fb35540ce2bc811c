-- call hooks: "call" and "tail call" events, with the called function's name
local events = {}
local function hook(event)
  local t = debug.getinfo(2, "nS")
  events[#events + 1] = event .. " " .. tostring(t.name) .. " " .. t.namewhat .. " " .. t.what
    .. " " .. t.short_src .. ":" .. t.linedefined
end

local function leaf(x) return x + 1 end
local function tail(x) return leaf(x) end
local obj = {}
function obj:method() return leaf(1) + 0 end

debug.sethook(hook, "c")
local a = leaf(1)
local b = tail(2)
local c = obj:method()
local d = math.max(1, 2)
local e = select("#", 1, 2)
local s = ("x"):rep(2)
debug.sethook()

for i, e in ipairs(events) do print(i, e) end
