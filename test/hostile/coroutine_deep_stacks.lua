-- hostile: coroutine deep stacks
-- expect: memory|error:stack overflow
local cs = {}
local function deep(n) if n == 0 then coroutine.yield() else deep(n - 1) end end
for i = 1, 1e9 do cs[i] = coroutine.create(deep) coroutine.resume(cs[i], 10000) end
