-- name/namewhat of __close and __gc handlers, and of a hook function
local function who(label)
  local t = debug.getinfo(2, "nS")
  print(label, tostring(t.name) .. "/" .. t.namewhat, t.what)
end

local closer = setmetatable({}, { __close = function() who("close at block end") end })
do
  local x <close> = closer
end

local function f()
  local y <close> = setmetatable({}, { __close = function() who("close at return") end })
  return 1
end
f()

pcall(function()
  local z <close> = setmetatable({}, { __close = function() who("close on error") end })
  error("e")
end)

-- the closing value of a generic for
local function iter(s, i) if i < 2 then return i + 1 end end
for i in iter, nil, 0, setmetatable({}, { __close = function() who("close of for") end }) do
  if i == 1 then break end
end

-- __gc run by a forced collection
do
  local g = setmetatable({}, { __gc = function() who("gc") end })
  g = nil
end
collectgarbage()
collectgarbage()

-- the hook function itself
local name
debug.sethook(function()
  local t = debug.getinfo(1, "n")
  name = tostring(t.name) .. "/" .. t.namewhat
end, "l")
local _ = 1
debug.sethook()
print("hook", name)
