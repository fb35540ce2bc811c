-- getlocal by level: names and values in declaration order, only active ones
local function dump(label, level)
  local r = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(level + 1, i)
    if name == nil then break end
    if name:sub(1, 1) == "(" or type(value) == "function" or type(value) == "table" then
      value = type(value)     -- internal values: only their type
    end
    r[#r + 1] = name .. "=" .. tostring(value)
    i = i + 1
  end
  print(label, table.concat(r, " "))
end

local function f(a, b)
  local c = a + b
  dump("in f", 1)
  do
    local d = "inner"
    dump("in block", 1)
  end
  local e = true
  dump("after block", 1)
  for i = 1, 1 do
    dump("in numeric for", 1)
  end
  for k, v in pairs({ x = 1 }) do
    dump("in generic for", 1)
  end
  return c
end
f(1, 2)
local function g(x) dump("caller level 2", 2) end
local up1, up2 = "m1", "m2"
g(0)
print("index past the end", debug.getlocal(1, 100))
print("index 0", debug.getlocal(1, 0))
print("count of results", select("#", debug.getlocal(1, 100)))
-- a constant that is optimized away does not appear
local function consts()
  local k <const> = 10
  local s <const> = "str"
  local t <const> = {}
  local v = k
  dump("consts", 1)
end
consts()
