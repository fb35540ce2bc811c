-- # returns a border; with a single border the result is unique
local t = {1, 2, 3, nil}
print(#t)
local u = {nil, nil, 3}
print(#u == 3 or #u == 0)
local v = {}
v[1] = 1; v[2] = 2; v[4] = 4
local n = #v
print(n == 2 or n == 4)
local w = {1, 2, 3}
w[2] = nil
local m = #w
print(m == 1 or m == 3)
local x = {}
x[2] = 2
print(#x == 0 or #x == 2)
local f = {n = 3}
print(#f)
local h = {}
for i = 1, 10 do h[i] = i end
for i = 1, 10 do h[i] = nil end
print(#h)
