-- hostile: tail call loop
-- expect: instructions
local function f() return f() end
f()
