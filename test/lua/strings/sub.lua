-- string.sub with positive, negative and out-of-range indices
local s = "hello world"
print(s:sub(1, 5), s:sub(7), s:sub(-5), s:sub(-5, -2), s:sub(0), s:sub(3, 2))
print(s:sub(100), s:sub(-100, 3), s:sub(5, 100), s:sub(0, 0), s:sub(-1, -1))
print(s:sub(math.mininteger, math.maxinteger) == s, s:sub(math.maxinteger))
print(("a\0b\0c"):sub(2, 4) == "\0b\0", #("a\0b\0c"):sub(2, 4))
print(s:sub("2", "3"), s:sub(2.0, 3.0))
print(pcall(s.sub, s))
print(pcall(s.sub, s, "x"))
