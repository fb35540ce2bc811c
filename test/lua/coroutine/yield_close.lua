-- __close metamethods may yield: on block exit, on return, on break, on error
local function closer(name)
  return setmetatable({}, {__close = function(_, e)
    local r = coroutine.yield("closing " .. name .. " " .. tostring(e))
    print("closed", name, r)
  end})
end
local co = coroutine.wrap(function()
  do local x <close> = closer("block") end
  for i = 1, 3 do local y <close> = closer("loop" .. i); if i == 2 then break end end
  local function f() local z <close> = closer("ret"); return "ret value", 2 end
  print("f returned", f())
  print("pcall", pcall(function()
    local w <close> = closer("err")
    error("boom", 0)
  end))
  local a <close> = closer("a")
  local b <close> = closer("b")
  return "end"
end)
local v = co()
local i = 0
while v ~= "end" do
  print("yielded", v)
  i = i + 1
  v = co("r" .. i)
end
print("result", v)
