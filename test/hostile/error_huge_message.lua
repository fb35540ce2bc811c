-- hostile: error huge message
-- expect: memory
error(("x"):rep(2^29))
