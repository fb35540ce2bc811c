-- __call chains: each callable object is passed to the next; yields cross them
-- (a looping chain is in test/vm/overflow.test.ts: lua5.4 takes minutes to reach its stack overflow)
local function callable(f) return setmetatable({}, {__call = f}) end
local a = callable(function(...) return select("#", ...), ... end)
local b = setmetatable({}, {__call = a})
local c = setmetatable({}, {__call = b})
local function show(n, x, y, z, ...) print(n, rawequal(x, a), rawequal(y, b), rawequal(z, c), ...) end
show(c(1, 2))
show(c())
local function tail(...) return c(...) end
show(tail("x"))
local y = callable(function(self, obj, v) return coroutine.yield(v) + 1 end)
local chain = setmetatable({}, {__call = y})
local co = coroutine.wrap(function() return chain(10), (function() return chain(20) end)() end)
print(co())
print(co(1))
print(co(2))
print(pcall(setmetatable({}, {__call = 1})))
print(pcall(setmetatable({}, {__call = setmetatable({}, {__call = true})})))
