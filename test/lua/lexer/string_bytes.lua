-- strings hold arbitrary bytes
local s = "a\0b\255\128"
print(#s, s:byte(1, -1))
print(s == "a\0b\255\128", s < "a\0c", "a\0" < "a\0\0", "" < "\0")
print(("\0"):rep(3) == "\0\0\0", #("\0"):rep(3))
print(string.format("%q", "1\0002\r\n\t\"\\\127\200"))
local t = {}
t["a\0b"] = 1; t["a\0c"] = 2
print(t["a\0b"], t["a\0c"], t["a"])
