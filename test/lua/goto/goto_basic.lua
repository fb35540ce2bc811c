-- goto forward, backward, continue idiom
local i = 1
::top::
if i <= 3 then io.write(i, " "); i = i + 1; goto top end
print()
for j = 1, 5 do
  if j % 2 == 0 then goto continue end
  io.write(j, " ")
  ::continue::
end
print()
do
  goto skip
  print("not printed")
  ::skip::
  print("after skip")
end
-- nested loops: break out of both
for a = 1, 3 do
  for b = 1, 3 do
    if a * b == 4 then goto done end
  end
end
::done::
print("done")
