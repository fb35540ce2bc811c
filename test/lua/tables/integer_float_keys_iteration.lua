-- keys keep their subtype; integral floats become integers
local t = {[1] = "a", [2.0] = "b", [2.5] = "c", [-0.0] = "z"}
local ks = {}
for k, v in pairs(t) do ks[#ks + 1] = string.format("%s:%s:%s", math.type(k), tostring(k), v) end
table.sort(ks)
print(table.concat(ks, " "))
t[2^63] = "float"
t[math.mininteger] = "minint"
print(t[-2^63], t[math.mininteger], t[2^63])
local u = {}
u[3] = "int"
print(u[3.0], u[3.0000000000000004])
