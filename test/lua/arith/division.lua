-- / is always float division
print(1 / 2, 4 / 2, math.type(4 / 2), -1 / 2)
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0)
print(1 / -0.0, 0.0 / -1, -0.0 / 1)
print(math.maxinteger / 1, math.mininteger / -1)
print(3 / 3.0, 1e308 / 1e-308, 5e-324 / 2)
print(string.format("%.17g", 1 / 3))
local z = 0
print(1 / z, -1 / z)
