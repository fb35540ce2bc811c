-- os.exit(false) without close: exit status 1, no closing
local x <close> = setmetatable({}, {__close = function() print("never printed") end})
print("exiting")
os.exit(false)
