-- os.exit without 'close' ends the program without running finalizers
_G.keep = setmetatable({}, {__gc = function() print("must not be printed") end})
print("exiting")
os.exit(3)
