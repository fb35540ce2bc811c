-- hostile: gmatch backtracking
-- expect: instructions
for m in ("a"):rep(3000):gmatch(".-.-.-b") do end
