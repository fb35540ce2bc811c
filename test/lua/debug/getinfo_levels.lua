-- getinfo levels: 0 is getinfo, 1 the caller...; past the stack depth -> nil
local function depth()
  local n = 0
  while debug.getinfo(n + 1, "S") do n = n + 1 end
  return n
end
print("depth from main", depth())   -- depth, main, C entry
local function a() return depth() + 0 end
print("depth from a", a())

local function what(level)
  local t = debug.getinfo(level + 1, "Sn")   -- +1: skip 'what' itself
  if t == nil then return "nil" end
  return t.what .. ":" .. tostring(t.name)
end
local function show()
  for level = 0, 5 do print("level", level, what(level)) end
end
show()
print("level 0", debug.getinfo(0, "n").name, debug.getinfo(0, "S").what)
print("huge level", debug.getinfo(1000000))
print("negative level", debug.getinfo(-1))
print("float level 1.0", debug.getinfo(1.0, "S").what)
print("string level '1'", debug.getinfo("1", "S").what)
print("count results", select("#", debug.getinfo(100)))
print(pcall(debug.getinfo, 1.5))
print(pcall(debug.getinfo, math.maxinteger))
