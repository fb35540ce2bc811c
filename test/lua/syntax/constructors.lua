-- table constructor syntax
local function f() return 1, 2, 3 end
local t = {f(), f(), x = 1, ["y"] = 2, [3 + 1] = "four"; 5, f()}
print(#t, t[1], t[2], t[3], t[4], t[5], t[6], t.x, t.y)
print(#{f()}, #{f(), nil}, #{(f())}, #{f(), 10})
print(#{1, 2, 3,}, #{1; 2; 3;})
local w = {[1.0] = "float key", [2] = "int"}
print(w[1], math.type(next(w)))
local e = {}
print(next(e))
local nested = {{1, {2, {3}}}}
print(nested[1][2][2][1])
print(load("return {,}"))
print(load("return {1,,2}"))
print(load("return {[1]}"))
print(load("return {x = }"))
print(load("return {1 2}"))
