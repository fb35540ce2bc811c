-- assigning nil to existing fields during traversal is allowed
local t = {}
for i = 1, 50 do t["k" .. i] = i end
for i = 1, 20 do t[i] = i end
local visited = 0
for k, v in pairs(t) do
  visited = visited + 1
  t[k] = nil
end
print("visited", visited, "remaining", next(t))
local u = {a = 1, b = 2, c = 3, d = 4, e = 5}
local seen = {}
for k in pairs(u) do
  seen[#seen + 1] = k
  for _, other in ipairs{"a", "b", "c", "d", "e"} do if other ~= k then u[other] = nil end end
end
print("seen", #seen)
-- modifying existing fields' values during traversal
local w = {x = 1, y = 2, z = 3}
for k, v in pairs(w) do w[k] = v * 10 end
print(w.x, w.y, w.z)
