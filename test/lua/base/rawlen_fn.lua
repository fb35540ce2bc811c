-- rawlen on tables and strings
print(rawlen({1, 2, 3}), rawlen(""), rawlen("abc\0"), rawlen(setmetatable({1}, {__len = function() return 5 end})))
print(pcall(rawlen, 1))
print(pcall(rawlen, nil))
print(pcall(rawlen))
print(math.type(rawlen({})))
