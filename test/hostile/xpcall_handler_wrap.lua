-- hostile: xpcall handler wrap
-- expect: instructions
while true do xpcall(function() error("x") end, function(m) coroutine.wrap(function() while true do end end)() end) end
