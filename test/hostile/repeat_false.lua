-- hostile: repeat false
-- expect: instructions
repeat until false
