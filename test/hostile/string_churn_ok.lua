-- hostile: string churn ok
-- expect: ok
-- output: 20088894
local n = 0
for i = 1, 2e4 do local s = ("x"):rep(1000) .. i n = n + #s end
print(n)
