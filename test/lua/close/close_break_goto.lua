-- closed on break and goto out of the scope
local function res(name)
  return setmetatable({}, {__close = function() print("close", name) end})
end
for i = 1, 3 do
  local r <close> = res("loop" .. i)
  if i == 2 then print("break"); break end
  print("iter", i)
end
do
  local g <close> = res("goto")
  goto out
end
::out::
print("after goto")
local n = 0
::again::
do
  local r <close> = res("again" .. n)
  n = n + 1
  if n < 3 then goto again end
end
print("end")
