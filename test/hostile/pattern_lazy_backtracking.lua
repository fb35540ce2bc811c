-- hostile: pattern lazy backtracking
-- expect: instructions
return string.find(("a"):rep(3000), ".-.-.-b")
