-- exact comparisons between integers and floats, also beyond 2^53
local big = 2^53          -- float
local bi = 9007199254740993 -- 2^53 + 1, integer
print(big == 9007199254740992, bi == big, bi == big + 1, bi > big, bi < big + 2)
print(math.maxinteger == 2^63, math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63)
print(math.mininteger == -2^63, math.mininteger <= -2^63, math.mininteger < -2^63)
print(math.maxinteger < math.huge, math.mininteger > -math.huge)
print(1 == 1.0, 1 < 1.5, 2 > 1.5, -1 <= -1.0, 3 >= 3.0000000000000004)
print(9007199254740993 < 9007199254740992.0, 9007199254740993 > 9007199254740992.0)
print(math.maxinteger - 1 < 9.2233720368547748e18, (math.maxinteger - 1) + 0.0 == 2^63)
print(0 == -0.0, 0 < 0/0, 0 > 0/0, 0 ~= 0/0)
print(math.ult(1, -1), math.ult(-1, 1), math.ult(0, 0))
for _, p in ipairs{{1, 1.0}, {2^53, 2^53 + 1}, {-0.0, 0}, {math.maxinteger, 2^63}} do
  print(string.format("%q %q", p[1], p[2]), p[1] == p[2], p[1] < p[2], p[1] <= p[2])
end
