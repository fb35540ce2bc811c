-- next
local t = {"a"}
print(next(t))
print(next(t, 1))
print(next({}, nil))
print(pcall(next, t, 2))
print(pcall(next, t, "missing"))
print(pcall(next, nil))
local h = {k = "v"}
print(next(h))
print(next(h, "k"))
-- next works while fields are cleared
local c = {a = 1, b = 2, c = 3}
local k = next(c)
c[k] = nil
local remaining = 0
for _ in pairs(c) do remaining = remaining + 1 end
print(remaining)
