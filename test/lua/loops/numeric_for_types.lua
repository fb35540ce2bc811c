-- the loop variable is an integer if start and step are integers
for i = 1, 2 do print(i, math.type(i)) end
for i = 1, 2.5 do print(i, math.type(i)) end
for i = 1.0, 2 do print(i, math.type(i)) end
for i = 1, 2, 1.0 do print(i, math.type(i)) end
for i = 3, 1, -1 do io.write(math.type(i), " ") end print()
