-- debug.setcstacklimit is a compatibility stub in 5.4.6: it does nothing and
-- returns LUAI_MAXCCALLS (200) whatever the argument
print("type", type(debug.setcstacklimit))
print("100", debug.setcstacklimit(100))
print("0", debug.setcstacklimit(0))
print("huge", debug.setcstacklimit(100000))
print("results", select("#", debug.setcstacklimit(300)))
print(pcall(debug.setcstacklimit))
print(pcall(debug.setcstacklimit, "x"))
print(pcall(debug.setcstacklimit, -1))
-- deep recursion still works as before
local function rec(n) if n == 0 then return 0 end return 1 + rec(n - 1) end
print("recursion", rec(1000))
