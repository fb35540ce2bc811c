-- the 4th value of a generic for is a to-be-closed variable
local function closer(name)
  return setmetatable({}, {__close = function(_, err) print("close", name, err) end})
end
local function iter(max)
  return function(_, i) if i < max then return i + 1 end end, nil, 0, closer("iter" .. max)
end
for i in iter(2) do print("i", i) end
for i in iter(5) do if i == 2 then print("break"); break end end
local function f()
  for i in iter(5) do if i == 3 then return "returned " .. i end end
end
print(f())
print(pcall(function() for i in iter(5) do if i == 2 then error("oops", 0) end end end))
for i in iter(1) do goto out end
::out::
print("after goto")
print(pcall(function() for i in next, {}, nil, 42 do end end))
for i in next, {}, nil, nil do end
for i in next, {}, nil, false do end
print("nil/false closing values are fine")
