-- yields from generic-for iterator functions, __pairs, and through nested wraps
local co = coroutine.wrap(function()
  for i, v in function(s, c) c = c + 1; if c <= 3 then return c, coroutine.yield("iter " .. c) end end, nil, 0 do
    print("body", i, v)
  end
  local t = setmetatable({}, {__pairs = function(t)
    coroutine.yield("in __pairs")
    return function(_, k) if not k then return 1, "one" end end, t, nil
  end})
  for k, v in pairs(t) do print("pairs", k, v) end
  return "finished"
end)
local v = co()
while v ~= "finished" do print("yielded", v); v = co(v .. "!") end
-- nested wraps: the inner wrap's yields go to its own caller
local outer = coroutine.wrap(function()
  local inner = coroutine.wrap(function()
    for i = 1, 3 do coroutine.yield("inner " .. i) end
    return "inner done"
  end)
  for _ = 1, 4 do coroutine.yield("outer got " .. inner()) end
  return "outer done"
end)
for _ = 1, 5 do print(outer()) end
-- three levels deep, each level yields from inside the one below
local function level(n)
  return coroutine.wrap(function()
    if n == 0 then coroutine.yield("leaf"); return "leaf end" end
    local sub = level(n - 1)
    local a = sub(); coroutine.yield(n .. ":" .. a)
    return n .. ":" .. sub()
  end)
end
local top = level(3)
print(top()); print(top())
