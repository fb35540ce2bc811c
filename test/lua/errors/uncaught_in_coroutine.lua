-- an error inside a coroutine propagates through wrap
local gen = coroutine.wrap(function() coroutine.yield(1); error("from coroutine") end)
print(gen())
gen()
