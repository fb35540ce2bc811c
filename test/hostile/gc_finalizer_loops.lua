-- hostile: gc finalizer loops
-- expect: instructions
setmetatable({}, {__gc = function() while true do end end})
collectgarbage("count")
while true do local _ = {} end
