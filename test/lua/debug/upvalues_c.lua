-- upvalues of C functions: name is the empty string
local it = string.gmatch("a1 b2", "%a%d")
local n = 0
while true do
  local name, value = debug.getupvalue(it, n + 1)
  if name == nil then break end
  n = n + 1
  print("gmatch upvalue", n, string.format("%q", name), type(value))
end
print("gmatch upvalues", n)
print("first match still works", it())
-- light C functions have no upvalues
print("print 1", debug.getupvalue(print, 1))
print("results", select("#", debug.getupvalue(print, 1)))
-- coroutine.wrap: one upvalue, the coroutine
local w = coroutine.wrap(function() end)
local name, value = debug.getupvalue(w, 1)
print("wrap 1", string.format("%q", name), type(value))
-- setupvalue on a C function's upvalue returns the empty name
local co2 = coroutine.create(function() return "other" end)
print("set wrap 1", string.format("%q", debug.setupvalue(w, 1, co2)))
print("wrap now runs the other coroutine", w())
print("set past end", debug.setupvalue(w, 2, 0))
-- upvalueid works on C closures too; ids are light userdata
print("upvalueid type", type(debug.upvalueid(w, 1)))
print("same upvalue same id", debug.upvalueid(w, 1) == debug.upvalueid(w, 1))
print("gmatch ids differ", debug.upvalueid(it, 1) ~= debug.upvalueid(it, 2))
