-- raw functions bypass metamethods
local t = setmetatable({}, {
  __index = function() return "meta" end,
  __newindex = function() error("blocked") end,
  __len = function() return 99 end,
  __eq = function() return true end,
})
print(t.x, rawget(t, "x"))
rawset(t, "x", 1)
print(t.x, rawget(t, "x"))
print(#t, rawlen(t))
local u = setmetatable({}, getmetatable(t))
print(t == u, rawequal(t, u))
print(rawset(t, 1, "a") == t, #t, rawlen(t))
print(pcall(rawget, "str", 1))
print(pcall(rawset, "str", 1, 1))
print(pcall(rawlen, 5))
print(pcall(rawequal, 1))
print(rawequal("a", "a"), rawequal(1, 1.0), rawequal({}, {}))
