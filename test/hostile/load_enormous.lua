-- hostile: load enormous
-- expect: memory|instructions
local f = load(("x = 1 "):rep(2e7))
