-- infinite recursion ends with a stack overflow error
local function f(n) return 1 + f(n + 1) end
print("start")
f(1)
