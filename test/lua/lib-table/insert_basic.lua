-- table.insert at the end, at the front, in the middle, at #t+1
local function show(label, t)
  local o = {}
  for i = 1, #t do o[i] = tostring(t[i]) end
  print(label, #t, table.concat(o, " "))
end
local t = {}
table.insert(t, "a")
table.insert(t, "b")
show("append", t)
table.insert(t, 1, "x")
show("front", t)
table.insert(t, 2, "y")
show("middle", t)
table.insert(t, #t + 1, "z")
show("at n+1", t)
table.insert(t, 3.0, "f")
show("float pos", t)
table.insert(t, "2", "s")
show("string pos", t)
print("returns", select("#", table.insert(t, 1)))
-- inserting nil in the middle shifts and leaves a nil
local u = {1, 2, 3}
table.insert(u, 2, nil)
print("nil insert", u[1], u[2], u[3], u[4])
-- the hash part continues the sequence
local h = {1, 2}
h[4] = 4
h[3] = 3
table.insert(h, 1, 0)
show("hash part", h)
local big = {}
for i = 1, 1000 do table.insert(big, 1, i) end
print("big", #big, big[1], big[1000])
