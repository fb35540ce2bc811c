-- operator precedence (low to high):
-- or < and < comparison < | < ~ < & < shift < .. < + - < * / // % < unary < ^
print(1 + 2 * 3, (1 + 2) * 3, 2 * 3 ^ 2, -2 ^ 2, not nil == true)
print(1 .. 2 + 3, 2 ^ -1, - - 2, #"abc" + 1, -#"ab")
print(1 | 2 ~ 3 & 4, (1 | 2) ~ 3, 1 << 2 + 1, 2 + 1 << 1)
print(5 & 3 << 1, 5 ~ 3 | 8, 6 & 3 ~ 1)
print(1 < 2 == true, "a" .. "b" == "ab", 1 == 1 and 2 or 3)
print(nil or false and 1, false or nil, 1 and nil or "x")
print(not 1 == 2, not (1 == 2), -3 % 5, -(3 % 5), 2 * 3 % 4)
print(7 // 2 * 2, 7 / 2 // 1, 2 ^ 3 ^ 2, (2 ^ 3) ^ 2)
print(1 + 1 < 3, 3 > 1 + 1, 1 .. 0 < "2")
print(~0 >> 1 == math.maxinteger, ~1 + 1, - ~1)
print(1 or error("not evaluated"), nil and error("not evaluated"))
print(2 ^ - 2, - 2 ^ - 2)
