-- float keys with integral values are normalized to integers
local t = {}
t[1.0] = "a"; t[2] = "b"; t[3.5] = "c"
print(t[1], t[2.0], t[3.5], #t)
for k, v in pairs({[1.0] = "x"}) do print(k, math.type(k), v) end
t[2^53] = "big"
print(t[2^53 // 1], t[9007199254740992])
t[-0.0] = "zero"
print(t[0], t[0.0])
local k = next({[3.0] = true})
print(k, math.type(k))
print(rawget(t, 1.0), rawget(t, 2.0))
t[2^63] = "float 2^63"  -- not representable as integer: stays a float key
print(t[2^63], t[math.maxinteger])
local u = {}
u["1"] = "string"; u[1] = "int"
print(u["1"], u[1])
