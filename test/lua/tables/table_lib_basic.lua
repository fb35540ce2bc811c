-- basic table library functions used by everything
local t = {3, 1, 2}
table.sort(t)
print(table.concat(t, ","))
table.insert(t, 4)
table.insert(t, 1, 0)
print(table.concat(t, ","), #t)
print(table.remove(t), table.remove(t, 1), table.concat(t, ","))
print(table.unpack({1, 2, 3}))
print(table.unpack({1, 2, 3}, 2))
print(table.unpack({1, 2, 3}, 2, 3))
print(select("#", table.unpack({}, 1, 3)))
print(table.concat({}, ","), table.concat({1, "a", 2.5}, "-"))
print(pcall(table.concat, {1, {}, 3}))
print(pcall(table.insert, {}, 5, 1))
local words = {"pear", "apple", "fig"}
table.sort(words, function(a, b) return #a < #b end)
print(table.concat(words, " "))
