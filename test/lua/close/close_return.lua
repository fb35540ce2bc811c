-- closed on return, after the return values are computed
local log = {}
local function res(name)
  return setmetatable({}, {__close = function() log[#log + 1] = "close " .. name end})
end
local function f()
  local a <close> = res("a")
  local b <close> = res("b")
  log[#log + 1] = "returning"
  return #log, "value"
end
print(f())
print(table.concat(log, "; "))
local function g(x)
  local r <close> = res("g")
  if x then return "early" end
  return "late"
end
log = {}
print(g(true), g(false))
print(table.concat(log, "; "))
-- a tail call in the scope of a tbc variable is not a tail call: still closed
local function h() local r <close> = res("h"); return tostring(1) end
log = {}
print(h(), table.concat(log, "; "))
