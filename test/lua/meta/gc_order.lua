-- finalizers run in reverse order of marking (creation order of setmetatable with __gc)
local order = {}
for i = 1, 3 do
  setmetatable({}, {__gc = function() order[#order + 1] = i end})
end
collectgarbage()
print(table.concat(order, ","))
-- __gc set after setmetatable is not honored (metatable must have __gc when set)
local mt = {}
setmetatable({}, mt)
mt.__gc = function() print("should not run") end
collectgarbage()
print("done")
