-- yield across pcall, metamethods and for iterators
local co = coroutine.create(function()
  local ok, v = pcall(function() local r = coroutine.yield("in pcall"); return r end)
  print("pcall result", ok, v)
  local t = setmetatable({}, {__index = function(_, k) return coroutine.yield("in __index " .. k) end})
  print("index result", t.key)
  for x in function(_, c) if not c then return coroutine.yield("in iterator") end end do print("iter", x) end
  local ok2, e = pcall(function() coroutine.yield("before error"); error("after yield", 0) end)
  print("pcall error", ok2, e)
  return "done"
end)
local v = nil
while true do
  local ok, r = coroutine.resume(co, v)
  print("yielded", ok, r)
  if coroutine.status(co) == "dead" then break end
  v = r .. "!"
end
