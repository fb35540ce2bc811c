-- # counts bytes; strings may contain any byte
print(#"", #"a", #"hello", #"\0", #"a\0b", #"\u{20AC}", #"\xff\xfe")
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
print(#s, s:byte(1), s:byte(256), s:byte(-1))
print(s:sub(66, 68), s:find("\0", 1, true), s:find("\255", 1, true))
print(("a\0b"):upper(), #("a\0b"):upper(), ("A\0B"):lower() == "a\0b")
print(("\0\0\0"):rep(2):len())
print(string.byte("abc", 1, -1))
print(string.byte("abc", 10))
print(string.char(), string.char(0, 97) == "\0a")
