-- hostile: pack huge string
-- expect: memory
return string.pack("s4", ("x"):rep(1e8))
