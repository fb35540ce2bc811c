-- hostile: rep bomb
-- expect: memory
local s = ("x"):rep(2^30)
