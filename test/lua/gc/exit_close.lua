-- os.exit(code, true) closes the state: pending finalizers run; without
-- 'close' they would not (see close_state.lua for the normal end)
setmetatable({}, {__gc = function() print("finalized by os.exit(0, true)") end})
_G.keep = setmetatable({}, {__gc = function() print("kept object finalized at close") end})
print("exiting")
os.exit(0, true)
