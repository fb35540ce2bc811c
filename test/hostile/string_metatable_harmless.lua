-- hostile: string metatable harmless
-- expect: ok
-- output: xxx	function
local mt = getmetatable("")
mt.__index = {rep = function() return "evil" end}
print(("x"):rep(3), type(getmetatable("").__index.rep))
