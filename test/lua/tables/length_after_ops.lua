-- # after insertions and removals at the end of sequences
local t = {}
for i = 1, 10 do t[#t + 1] = i end
print(#t)
t[#t] = nil; t[#t] = nil
print(#t)
table.insert(t, 99)
print(#t, t[#t])
print(table.remove(t), #t)
while #t > 0 do table.remove(t) end
print(#t, next(t))
local s = {n = 0}
for i = 1, 5 do s[i] = i end
print(#s, s.n)
print(#{[1] = 1, [2] = 2, [3] = 3})
print(#{n = 1, 1, 2})
