-- exponentiation always gives floats and is right associative
print(2^10, 2^0.5, 2^-1, math.type(2^2))
print(2^3^2, (2^3)^2)
print(-2^2, (-2)^2, -2^-2)
print(0^0, 0^-1, (-8)^(1/3) ~= (-8)^(1/3))
print(10^308, 10^309, 2^63 == math.maxinteger + 1.0)
print(1^math.huge, (-1)^0.5 ~= (-1)^0.5)
print("2"^"3", 2^"0.5")
