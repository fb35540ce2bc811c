-- errors inside __close replace the original error; other variables are still closed
local function res(name, fail)
  return setmetatable({}, {__close = function(_, err)
    print("close", name, err)
    if fail then error(name .. " failed", 0) end
  end})
end
print(pcall(function()
  local a <close> = res("a")
  local b <close> = res("b", true)
  local c <close> = res("c")
  return "normal"
end))
print(pcall(function()
  local a <close> = res("a", true)
  local b <close> = res("b", true)
  error("original", 0)
end))
print(pcall(function()
  local a <close> = res("a")
  do local b <close> = res("b", true) end
  print("not reached")
end))
