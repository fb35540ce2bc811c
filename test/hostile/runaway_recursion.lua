-- hostile: runaway recursion
-- expect: memory|error:stack overflow
local function f() return f() + 1 end
f()
