-- getlocal beyond the named locals: "(temporary)" slots of a Lua frame
-- and "(C temporary)" slots of a C function's frame
local function show(v)
  local t = type(v)
  if t == "function" or t == "table" or t == "thread" or t == "userdata" then return t end
  return tostring(v)
end

local function temps(level, n)
  local r = {}
  for i = 1, n do
    local name, value = debug.getlocal(level + 1, i)
    if name == nil then break end
    r[#r + 1] = i .. ":" .. name .. "=" .. show(value)
  end
  return table.concat(r, " ")
end

-- while 'temps' runs as an argument of print, the frame holds print and the label
local function f()
  local a = 1
  print("lua frame", temps(1, 4))
end
f()

-- a table.sort comparator: level 2 is table.sort (a C function); its first
-- slots are its arguments (later slots are the library's own work values)
local out
table.sort({ 3, 1 }, function(x, y)
  out = out or temps(2, 2)
  return x < y
end)
print("table.sort frame", out)

-- a string.gsub callback: level 2 is string.gsub
out = nil
string.gsub("ab", "%w", function(c)
  out = out or temps(2, 3)
end)
print("string.gsub frame", out)
