-- name/namewhat of the calling instruction: global, local, method, field, upvalue, for iterator
local function who()
  local t = debug.getinfo(2, "n")
  return tostring(t.name) .. "/" .. t.namewhat
end

function gfunc() return who() .. "" end
local function lfunc() return who() .. "" end
local obj = { f = function() return who() .. "" end }
function obj:m() return who() .. "" end
obj.sub = { deep = function() return who() .. "" end }

print("global", gfunc())
print("local", lfunc())
print("field", obj.f())
print("method", obj:m())
print("nested field", obj.sub.deep())
print("upvalue", (function() return lfunc() .. "" end)())
local t = { 1 }
t[1] = function() return who() .. "" end
print("integer key", t[1]())
local k = "f"
print("variable key", obj[k]())
print("call result", (function() return function() return who() .. "" end end)()())
print("global via _ENV", _ENV.gfunc())
local env = { x = function() return who() .. "" end }
do local _ENV = env; print2 = x() end
print("local _ENV", env.print2)
-- for iterator
local function iter(s, i)
  if i == 0 then print("for iterator", who()) return 1 end
end
for _ in iter, nil, 0 do end
-- the level-1 name of a function called from C is unknown
print("from pcall", select(2, pcall(function() return who() .. "" end)))
print("from sort", pcall(table.sort, { 2, 1 }, function(a, b) print("sort cmp", who()) return a < b end))
-- tail-called functions have no name
local function myname()
  local t = debug.getinfo(1, "n")
  return tostring(t.name) .. "/" .. t.namewhat
end
print("tail call", (function() return myname() end)())
print("not a tail call", (function() return (myname()) end)())
-- main chunk
print("main", debug.getinfo(1, "n").name, debug.getinfo(1, "n").namewhat)
