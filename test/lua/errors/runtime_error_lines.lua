-- runtime errors carry the line of the failing instruction
local function f(t)
  local a = 1
  local b = t.x
  return a + b
end
print(pcall(f, {}))
print(pcall(f, nil))
local ok, e = pcall(function()
  local t = {}

  return t.a.b
end)
print(e)
print(pcall(function() local x = 1
  local y = nil
  return x
    + y
end))
