-- hostile: while true
-- expect: instructions
while true do end
