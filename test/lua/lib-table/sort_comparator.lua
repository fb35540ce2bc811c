-- table.sort with a comparator: order of equivalent elements matches the reference
local recs = {}
for i = 1, 60 do recs[i] = {k = (i * 37) % 7, id = i} end
table.sort(recs, function(a, b) return a.k < b.k end)
local o = {}
for i = 1, #recs do o[i] = recs[i].k .. ":" .. recs[i].id end
print(table.concat(o, " "))
table.sort(recs, function(a, b) return a.id > b.id end)
print(recs[1].id, recs[60].id)
local words = {"delta", "alpha", "charlie", "bravo", "echo"}
table.sort(words, function(a, b) return #a < #b or (#a == #b and a < b) end)
print(table.concat(words, " "))
-- count comparator calls: the same algorithm makes the same calls
local calls = 0
local t = {}
for i = 1, 500 do t[i] = (i * 101) % 499 end
table.sort(t, function(a, b) calls = calls + 1; return a < b end)
print("calls", calls)
-- nil comparator means the default
t = {3, 1, 2}
table.sort(t, nil)
print(t[1], t[2], t[3])
-- comparator that reads the table being sorted
t = {4, 3, 2, 1}
local seen = {}
table.sort(t, function(a, b) seen[#seen + 1] = t[1]; return a < b end)
print(table.concat(seen, ","), table.concat(t, ","))
