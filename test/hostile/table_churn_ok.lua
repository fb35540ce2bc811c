-- hostile: table churn ok
-- expect: ok
-- output: 600000
local n = 0
for i = 1, 2e5 do local t = {i, i, i} n = n + #t end
print(n)
