-- hostile: gc resurrection loop
-- expect: instructions
local mt = {}
mt.__gc = function(o) setmetatable(o, mt) end
for i = 1, 100 do setmetatable({}, mt) end
while true do local _ = {} end
