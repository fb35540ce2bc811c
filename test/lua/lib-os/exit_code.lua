-- os.exit with a code and close = true: pending to-be-closed variables are closed
local x <close> = setmetatable({}, {__close = function() print("closed on exit") end})
io.write("before exit\n")
os.exit(3, true)
print("not reached")
