-- coroutine.wrap propagates errors with position information
local function try(f, ...) local ok, e = pcall(f, ...) print(ok, e) end
try(coroutine.wrap(function() error("plain") end))
try(coroutine.wrap(function() error("level 2", 2) end))
try(coroutine.wrap(function() error("no position", 0) end))
try(coroutine.wrap(function() local x; return x.y end))
try(coroutine.wrap(function() return 1 + {} end))
try(coroutine.wrap(function() error(setmetatable({}, {__tostring = function() return "obj" end})) end))
local w = coroutine.wrap(function() coroutine.yield() end)
w(); w()
try(w)
-- an error in a nested wrap gains one position per level
try(coroutine.wrap(function()
  return coroutine.wrap(function() error("deep") end)()
end))
-- wrap of a function that yields across a C boundary
try(coroutine.wrap(function() table.sort({1, 2, 3}, function(a, b) coroutine.yield() end) end))
-- resuming itself through wrap
local self
self = coroutine.wrap(function() return self() end)
try(self)
-- the error closes the coroutine's pending variables
local closed = false
local w2 = coroutine.wrap(function()
  local c <close> = setmetatable({}, {__close = function(_, e) closed = e end})
  error("with tbc")
end)
try(w2)
print("closed with", closed)
local w3 = coroutine.wrap(function()
  local c <close> = setmetatable({}, {__close = function() error("close failed") end})
  error("first")
end)
try(w3)
