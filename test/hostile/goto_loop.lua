-- hostile: goto loop
-- expect: instructions
::top:: goto top
