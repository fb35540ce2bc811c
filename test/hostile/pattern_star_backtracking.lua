-- hostile: pattern star backtracking
-- expect: instructions
return ("0123456789"):rep(5):find(".*.*.*.*.*.*.*.*.*x")
