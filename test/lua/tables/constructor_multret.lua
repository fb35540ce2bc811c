-- multiple results expand only in the last position of a constructor
local function three() return 1, 2, 3 end
local function none() end
local t = {three()}
print(#t, t[1], t[3])
t = {three(), three()}
print(#t, t[1], t[2], t[4])
t = {three(), "x"}
print(#t, t[1], t[2])
t = {(three())}
print(#t)
t = {none()}
print(#t)
t = {none(), none(), 1}
print(t[1], t[2], t[3])
local function v(...) return {...}, select("#", ...) end
local a, n = v(1, nil, 3)
print(n, a[1], a[2], a[3])
local b = {n = select("#", three()), three()}
print(b.n, #b)
t = {x = three(), three()}
print(t.x, #t)
local p = table.pack(three())
print(p.n, p[1], p[3])
local q = table.pack()
print(q.n, #q)
