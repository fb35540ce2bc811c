-- hostile: pattern frontier
-- expect: instructions
return ("a "):rep(100000):find("%f[%a].-z")
