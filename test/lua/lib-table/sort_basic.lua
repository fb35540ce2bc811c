-- table.sort with the default comparator
local function show(label, t)
  local o = {}
  for i = 1, #t do o[i] = tostring(t[i]) end
  print(label, table.concat(o, " "))
end
local t = {5, 2, 8, 1, 9, 3, 7, 4, 6, 0}
table.sort(t) show("ints", t)
t = {3.5, -1, 2, 2.0, -0.5, 1e10, -math.huge, math.huge}
table.sort(t) show("mixed", t)
t = {"pear", "apple", "fig", "Apple", "", "apple pie", "b"}
table.sort(t) show("strings", t)
t = {} table.sort(t) show("empty", t)
t = {1} table.sort(t) show("one", t)
t = {2, 1} table.sort(t) show("two", t)
t = {3, 1, 2} table.sort(t) show("three", t)
t = {math.maxinteger, math.mininteger, 0, 2^53, 2^53 + 1, -2^63}
table.sort(t) show("extremes", t)
-- equal values of different subtypes keep the reference's arrangement
t = {1, 1.0, 2.0, 2, 1, 2.0, 1.0}
table.sort(t)
local o = {}
for i = 1, #t do o[i] = math.type(t[i]) end
print("subtypes", table.concat(o, " "))
local big = {}
for i = 1, 2000 do big[i] = (i * 7919) % 2003 end
table.sort(big)
local ok = true
for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
print("big sorted", ok, big[1], big[2000])
local rev = {}
for i = 1, 5000 do rev[i] = 5000 - i end
table.sort(rev)
print("reversed", rev[1], rev[5000])
local same = {}
for i = 1, 3000 do same[i] = 7 end
table.sort(same)
print("all equal", same[1], same[3000], #same)
