-- math.abs keeps the subtype; abs(mininteger) wraps around
local function show(label, v) print(label, v, math.type(v)) end
show("int", math.abs(-5))
show("float", math.abs(-5.5))
show("zero", math.abs(0))
show("-0.0", math.abs(-0.0))
show("minint", math.abs(math.mininteger))
show("maxint", math.abs(-math.maxinteger))
show("-inf", math.abs(-math.huge))
show("string", math.abs("-3"))
show("big", math.abs(-2^53 - 1))
print(pcall(math.abs))
print(pcall(math.abs, nil))
print(pcall(math.abs, "a"))
