-- nested scopes close inner first; each variable closed exactly once
local order = {}
local function res(name)
  return setmetatable({}, {__close = function() order[#order + 1] = name end})
end
local function f()
  local a <close> = res("a")
  do
    local b <close> = res("b")
    do
      local c <close> = res("c")
    end
    local d <close> = res("d")
  end
  local e <close> = res("e")
  for i = 1, 2 do local l <close> = res("l" .. i) end
end
f()
print(table.concat(order, " "))
