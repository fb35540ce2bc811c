-- getinfo option 'u': nups, nparams, isvararg
local function show(label, f)
  local t = debug.getinfo(f, "u")
  print(label, t.nups, t.nparams, t.isvararg)
end

local a, b, c = 1, 2, 3
show("no params", function() end)
show("three params", function(x, y, z) return x end)
show("vararg only", function(...) return ... end)
show("params+vararg", function(x, y, ...) return x end)
show("upvalues a,b", function() return a + b end)
show("upvalues a,b,c", function() return a + b + c + a end)
show("uses global", function() return print end)   -- _ENV is an upvalue
show("main chunk", load("return 1"))
show("C print", print)
show("C wrap", coroutine.wrap(function() end))
-- at a level
local function lev(p, q, ...)
  local t = debug.getinfo(1, "u")
  print("level 1", t.nups, t.nparams, t.isvararg)
  t = debug.getinfo(2, "u")
  print("level 2 (main)", t.nups, t.nparams, t.isvararg)
end
lev(1, 2, 3, 4)
