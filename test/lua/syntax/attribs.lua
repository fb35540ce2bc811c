-- local attributes <const> and <close>
local x <const> = 10
local y <const>, z = 20, 30
print(x, y, z)
local s <const> = "str"
local t <const> = {}
t.field = 1   -- the table itself is mutable
print(s, t.field)
local n <close> = nil
local f <close> = false
print(n, f)
local function k() local c <const> = 5; return function() return c * 2 end end
print(k()())
print(load("local a <const> = 1; return a + 1")())
print(load("local a <const> = 2^53; return math.type(a), a")())
print(load("local a <const> = 'x'; return a .. a")())
print(load("local a <const> = {}; return type(a)")())
