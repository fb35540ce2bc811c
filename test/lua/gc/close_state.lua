-- objects alive when the state closes are finalized, newest first; objects
-- created by those finalizers are not
local mt = {__gc = function(o)
  print("closing", o.name)
  if o.name == "first" then setmetatable({name = "late"}, getmetatable(o)) end
end}
_G.a = setmetatable({name = "first"}, mt)
_G.b = setmetatable({name = "second"}, mt)
local c <close> = setmetatable({}, {__close = function() print("to-be-closed variable closed first") end})
setmetatable({name = "garbage"}, mt)
collectgarbage()
print("end of script")
