-- finalizers run once, newest first, and only for objects whose metatable
-- had __gc when setmetatable was called
local log = {}
local function mk(name)
  return setmetatable({name = name}, {__gc = function(o) log[#log + 1] = o.name end})
end
for i = 1, 5 do mk("o" .. i) end
collectgarbage()
print(table.concat(log, ","))
log = {}
-- __gc added after setmetatable: not marked
local mt = {}
local late = setmetatable({}, mt)
mt.__gc = function() log[#log + 1] = "late" end
late = nil
collectgarbage()
print("late __gc ran:", #log)
-- setting the metatable again marks it
local again = setmetatable({}, mt)
setmetatable(again, mt)
again = nil
collectgarbage()
print(table.concat(log, ","))
-- __gc = true marks the object; a function installed before collection is called
log = {}
local mt2 = {__gc = true}
local obj = setmetatable({}, mt2)
mt2.__gc = function() log[#log + 1] = "replaced" end
obj = nil
collectgarbage()
print(table.concat(log, ","))
-- objects still reachable are not finalized; each finalizer runs once only
log = {}
local held = mk("held")
collectgarbage(); collectgarbage()
print("held:", #log)
held = nil
collectgarbage(); collectgarbage()
print(table.concat(log, ","))
