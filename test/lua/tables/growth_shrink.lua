-- tables grow and shrink without losing entries
local t = {}
for i = 1, 10000 do t[i] = i * 2 end
local sum = 0
for i = 1, #t do sum = sum + t[i] end
print(#t, sum)
for i = 1, 10000, 2 do t[i] = nil end
local cnt = 0
for k, v in pairs(t) do cnt = cnt + 1; assert(v == k * 2) end
print(cnt)
local h = {}
for i = 1, 5000 do h["k" .. i] = i end
for i = 1, 5000 do if i % 3 ~= 0 then h["k" .. i] = nil end end
cnt = 0
for k, v in pairs(h) do cnt = cnt + 1; assert(h["k" .. v] == v) end
print(cnt)
local r = {}
for i = 10, 1, -1 do r[i] = i end
print(#r, r[1], r[10])
local neg = {}
for i = -5, 5 do neg[i] = i end
print(neg[-5], neg[0], neg[5], #neg)
