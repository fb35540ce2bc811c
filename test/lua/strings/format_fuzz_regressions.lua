-- regressions found by the differential fuzzer (luafuzz)
print(string.format("%.17g", 1e-7), string.format("%.16g", 1e23), string.format("%.16e", 1e-7))
local s = "]$91jg ;zd ="
print(s:byte(math.mininteger), s:byte(-100), s:byte(0), ("c"):byte(0), ("55_8$1B%"):byte(-10))
print(pcall(next, {}, "nokey"))
local y = 4503599627370495
print((y * 9914) >> 31, y * 9914, y - -y, -y - y)
print(math.maxinteger * 3, math.mininteger * -1, 94906267 * 94906267)
