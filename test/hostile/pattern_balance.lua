-- hostile: pattern balance
-- expect: instructions
return (("("):rep(200000)):find("%b()")
