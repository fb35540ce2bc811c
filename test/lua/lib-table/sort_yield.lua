-- comparators and metamethods called by table functions cannot yield
local co = coroutine.wrap(function()
  local t = {3, 1, 2}
  table.sort(t, function(a, b) coroutine.yield("inside") return a < b end)
  return "done"
end)
print(pcall(co))
local co2 = coroutine.create(function()
  local p = setmetatable({}, {__index = function(_, k) coroutine.yield(k) return k end, __len = function() return 2 end})
  return table.concat(p, ",")
end)
print(coroutine.resume(co2))
-- yielding outside the sort still works afterwards
local co3 = coroutine.wrap(function()
  pcall(table.sort, {2, 1}, function() coroutine.yield(1) end)
  coroutine.yield("still yieldable")
  return "end"
end)
print(co3())
print(co3())
