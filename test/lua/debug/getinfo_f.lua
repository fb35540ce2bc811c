-- getinfo option 'f': func is the running function / the function given
local function f()
  return debug.getinfo(1, "f").func
end
print("level 1 is f", f() == f)

local function g()
  return debug.getinfo(2, "f").func
end
local function caller() return (g()) end
print("level 2 is caller", caller() == caller)

print("function value", debug.getinfo(print, "f").func == print)
print("level 0 is getinfo", debug.getinfo(0, "f").func == debug.getinfo)

local main = debug.getinfo(1, "f").func
print("main is a function", type(main))

-- C function at a level
local seen
table.sort({ 3, 1, 2 }, function(a, b)
  seen = debug.getinfo(2, "f").func
  return a < b
end)
print("level 2 in comparator is table.sort", seen == table.sort)

-- only func is filled
local t = debug.getinfo(1, "f")
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
print("keys", table.concat(keys, " "))
