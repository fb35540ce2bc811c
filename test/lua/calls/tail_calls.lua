-- proper tail calls do not grow the stack
local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(loop(1000000))
local function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(100001))
local t = {}
function t.m(self, n) if n == 0 then return "method done" end return self:m(n - 1) end
print(t:m(300000))
local function acc(n, s) if n == 0 then return s end return acc(n - 1, s + n) end
print(acc(1000000, 0))
