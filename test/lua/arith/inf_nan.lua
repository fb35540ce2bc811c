-- infinities and NaN
local inf, nan = math.huge, 0/0
print(inf, -inf, nan ~= nan, nan == nan)
print(math.type(inf), math.type(nan))
print(inf + 1, inf - inf ~= inf - inf, inf * 0 ~= inf * 0, -inf * -1)
print(inf > math.maxinteger, -inf < math.mininteger, nan < 1, nan > 1, nan <= nan)
print(string.format("%q %q", inf, -inf))
print(string.format("%f %g %.3f", inf, -inf, inf))
print(1e308 * 10, -1e308 * 10)
print(math.huge // 1, -math.huge // 1, math.huge % 2 ~= math.huge % 2)
print(2^1024, 2^-1080)
print(math.max(1, inf), math.min(-inf, 0))
print(inf == inf, -inf == -inf, inf ~= -inf)
