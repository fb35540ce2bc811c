-- a chain of coroutine.close calls, each __close closing the previous coroutine, nests host calls: it ends in "C stack overflow"
local count = 0
local coro = false
for i = 1, 1000 do
  local previous = coro
  coro = coroutine.create(function()
    local cc <close> = setmetatable({}, {__close=function()
      count = count + 1
      if previous then
        assert(coroutine.close(previous))
      end
    end})
    coroutine.yield()
  end)
  assert(coroutine.resume(coro))
end
local st, msg = coroutine.close(coro)
print(st, msg:find("C stack overflow", 1, true) ~= nil)
print("final count: ", count)
