-- math.random with an explicit seed reproduces the reference's sequence
print(math.randomseed(42))
local out = {}
for i = 1, 10 do out[i] = math.random(1, 100) end
print(table.concat(out, " "))
print(math.random(0), math.random(0))
print(math.random(), math.random())
print(math.random(10), math.random(-5, 5), math.random(3, 3))
print(math.random(math.mininteger, math.maxinteger))
print(math.random(0, 2^53), math.random(-2^40, 2^40))
print(math.random(math.maxinteger - 3, math.maxinteger), math.random(math.mininteger, math.mininteger + 3))
print(math.random(0, 0xffffffff), math.random(1, 2^32 + 7))
print(math.randomseed(-1, 7))
print(math.random(1, 6), math.random(1, 6), math.random(1, 6))
print(math.randomseed(0))
print(math.random(1000), math.random(1000))
print(math.randomseed(3.0, 4.0))
print(math.random(1000))
local s = 0
math.randomseed(123)
for i = 1, 10000 do s = s + math.random(1, 1000) end
print("sum", s)
local f = math.random()
print("float range", f >= 0 and f < 1, math.type(f))
