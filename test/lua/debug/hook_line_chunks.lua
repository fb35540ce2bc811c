-- line events of other chunks carry their own source: a loaded string, a file
local log = {}
local function hook(ev, line)
  local src = debug.getinfo(2, "S").short_src
  log[#log + 1] = src .. ":" .. line
end

local chunk = load("local a = 1\nlocal b = a + 1\nreturn b", "=strchunk")
debug.sethook(hook, "l")
chunk()
local r = dofile("data/lines.lua")
debug.sethook()
for _, l in ipairs(log) do print(l) end
print("dofile result", r)
