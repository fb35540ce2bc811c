-- collections happen by themselves as a script allocates: of tables, strings
-- and closures, inside coroutines too
local function until_collected(make)
  local done = false
  setmetatable({}, {__gc = function() done = true end})
  local n = 0
  while not done and n < 10000000 do make(n); n = n + 1 end
  return done
end
print("tables", until_collected(function() return {} end))
print("strings", until_collected(function(i) return tostring(i) .. "x" end))
print("closures", until_collected(function(i) return function() return i end end))
print("concat", until_collected(function(i) return "a" .. i .. "b" end))
print("in a coroutine", coroutine.wrap(function() return until_collected(function() return {1, 2} end) end)())
-- weak tables are cleared by automatic collections as well
local cache = setmetatable({}, {__mode = "v"})
cache[1] = {}
local n = 0
while cache[1] and n < 10000000 do local _ = {n}; n = n + 1 end
print("weak entry cleared", cache[1] == nil)
-- a suspended coroutine that nothing references is collected with what it holds
local gone = false
do
  local co = coroutine.create(function()
    local guard = setmetatable({}, {__gc = function() gone = true end})
    coroutine.yield(guard ~= nil)
  end)
  print("suspended", coroutine.resume(co))
end
collectgarbage()
print("coroutine and its locals collected", gone)
