-- hostile: gsub backtracking
-- expect: instructions
return ("a"):rep(3000):gsub(".-.-.-b", "")
