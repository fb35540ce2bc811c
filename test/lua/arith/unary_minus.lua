-- unary minus on integers, floats and strings
print(-1, - -1, -(-1), -1.5, -"2", -"2.5", -"0x10", math.type(-"2"), math.type(-"2.0"))
print(-math.mininteger, -math.maxinteger)
print(- - -3)
print(pcall(function() return -{} end))
print(pcall(function() return -"abc" end))
print(pcall(function() local s = "x"; return -s end))
