-- integer loops near the limits never overflow or wrap
local n = 0
for i = math.maxinteger - 2, math.maxinteger do n = n + 1; print(i) end
print("count", n)
n = 0
for i = math.mininteger, math.mininteger + 2 do n = n + 1; print(i) end
print("count", n)
n = 0
for i = math.mininteger + 2, math.mininteger, -1 do n = n + 1 end
print("count down", n)
n = 0
for i = math.maxinteger - 10, math.maxinteger, 5 do n = n + 1; print(i) end
print("count step 5", n)
n = 0
for i = 1, math.maxinteger, math.maxinteger do n = n + 1; print(i) end
print("huge step", n)
n = 0
for i = -1, math.mininteger, math.mininteger do n = n + 1; print(i) end
print("min step", n)
n = 0
for i = math.maxinteger, math.maxinteger do n = n + 1 end
print("single", n)
n = 0
for i = 0, 1.5e19, 2^62 do n = n + 1 end   -- float limit above maxinteger
print("float limit", n)
n = 0
for i = 1, -1e30 do n = n + 1 end
print("float limit below", n)
n = 0
for i = math.maxinteger, 2^63 do n = n + 1 end
print("clip", n)
for i = 3, 1.5e300, -1 do print("never") end
print("done")
