-- table.remove: last element, given positions, the n+1 and empty cases
local function show(label, t)
  local o = {}
  for i = 1, #t do o[i] = tostring(t[i]) end
  print(label, #t, table.concat(o, " "))
end
local t = {"a", "b", "c", "d", "e"}
print(table.remove(t)) show("last", t)
print(table.remove(t, 1)) show("first", t)
print(table.remove(t, 2)) show("middle", t)
print(table.remove(t, #t + 1)) show("n+1", t)
print(table.remove(t, 2.0)) show("float", t)
local e = {}
print("empty", table.remove(e), table.remove(e, 0), table.remove(e, 1))
print("count", select("#", table.remove({})))
local z = {[0] = "zero"}
print("zero", table.remove(z, 0), z[0])
local h = {n = 1}
print("size0 pos0", table.remove(h, #h), h.n)
local big = {}
for i = 1, 1000 do big[i] = i end
local s = 0
while #big > 0 do s = s + table.remove(big, 1) end
print("drain", s)
local holes = {1, 2, 3}
holes[2] = nil
print(table.remove(holes, 1), holes[1], holes[2])
