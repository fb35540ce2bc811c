-- conversions between floats and integers
print(math.tointeger(3.0), math.tointeger(3.5), math.tointeger(2^63), math.tointeger(-2^63))
print(math.tointeger(0/0), math.tointeger(-0.0), math.tointeger(math.huge))
print(3.0 == 3, math.floor(3.7), math.ceil(3.2), math.type(math.floor(3.7)))
print(math.floor(-3.5), math.ceil(-3.5), math.floor(2^70) == 2^70, math.type(math.floor(2^70)))
print(string.format("%d", 3.0))
print(pcall(string.format, "%d", 3.5))
print(pcall(string.format, "%d", 2^63))
print(pcall(string.format, "%x", "1.5"))
local t = {}
t[2^53] = "x"
print(math.type(next(t)))
print(("abc"):sub(2.0, 3.0))
print(pcall(string.sub, "abc", 1.5))
print(pcall(string.rep, "x", 2^63))
