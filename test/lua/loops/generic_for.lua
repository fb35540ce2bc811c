-- generic for: iterator function, state and control variable
local function iter(state, ctrl)
  if ctrl < state then return ctrl + 1, ctrl * ctrl end
end
for i, sq in iter, 3, 0 do print(i, sq) end
for k, v in next, {"only"} do print(k, v) end
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
local s = 0
for i in range(100) do s = s + i end
print(s)
for a, b, c, d in function(_, c) if not c then return 1, 2, 3, 4 end end do print(a, b, c, d) end
print(pcall(function() for x in nil do end end))
print(pcall(function() for x in 42 do end end))
print(pcall(function() local t = {}; for x in t do end end))
print(pcall(function() for x in {}, 1 do end end))
