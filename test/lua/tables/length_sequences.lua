-- # on proper sequences
print(#{}, #{1}, #{1, 2, 3}, #{n = 1}, #{1, 2, x = 3})
local t = {}
for i = 1, 100 do t[i] = i end
print(#t)
t[#t] = nil
print(#t)
t[#t + 1] = "x"
print(#t, t[#t])
for i = #t, 1, -1 do t[i] = nil end
print(#t)
local s = {}
s[1] = 1; s[2] = 2; s[3] = 3
print(#s)
print(#"", #"abc", #"\0\0")
local big = {}
for i = 1, 1000 do big[#big + 1] = i end
print(#big, big[#big])
table.insert(big, 1001)
table.remove(big, 1)
print(#big, big[1], big[#big])
