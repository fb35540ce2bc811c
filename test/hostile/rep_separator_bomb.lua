-- hostile: rep separator bomb
-- expect: memory
local s = ("x"):rep(2^20, ("y"):rep(2^10))
