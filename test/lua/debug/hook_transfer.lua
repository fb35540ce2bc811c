-- getinfo option 'r' in call and return hooks: ftransfer/ntransfer and the
-- transferred values read with getlocal(2, i)
local log = {}
local function show(v)
  local t = type(v)
  if t == "function" or t == "table" then return t end
  return tostring(v)
end
local function hook(ev)
  local t = debug.getinfo(2, "rn")
  local vals = {}
  for i = t.ftransfer, t.ftransfer + t.ntransfer - 1 do
    local name, value = debug.getlocal(2, i)
    vals[#vals + 1] = tostring(name) .. "=" .. show(value)
  end
  log[#log + 1] = ev .. " " .. tostring(t.name) .. " f=" .. t.ftransfer .. " n=" .. t.ntransfer
    .. " [" .. table.concat(vals, ", ") .. "]"
end

local function add(a, b) return a + b end
local function many() return 1, "two", nil end
local function va(x, ...) return select("#", ...) end
local function none() end

debug.sethook(hook, "cr")
local r1 = add(1, 2)
local r2 = { many() }
local r3 = va(1, 2, 3)
none()
local r4 = math.max(5, 9)
debug.sethook()
for i, l in ipairs(log) do print(i, l) end
