-- an uncaught error from table.sort ends the script
local t = {3, 2, 1}
table.sort(t, function(a, b) return a < b end)
print(t[1], t[2], t[3])
table.sort({1, "x"})
print("not reached")
