-- nested tables and references
local a = {b = {c = {d = "deep"}}}
print(a.b.c.d, a["b"]["c"]["d"])
local shared = {v = 1}
local x, y = {s = shared}, {s = shared}
x.s.v = 2
print(y.s.v, x.s == y.s)
local self = {}
self.me = self
print(self.me.me.me == self)
local m = {}
for i = 1, 3 do m[i] = {} for j = 1, 3 do m[i][j] = i * j end end
print(m[2][3], m[3][3], #m, #m[1])
local k1, k2 = {}, {}
local byref = {[k1] = "one", [k2] = "two"}
print(byref[k1], byref[k2], byref[{}])
local fkey = {[print] = "print", [true] = "yes", [false] = "no"}
print(fkey[print], fkey[true], fkey[false])
