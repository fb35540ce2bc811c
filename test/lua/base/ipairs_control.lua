-- the ipairs iterator called by hand: its control variable is checked as an integer and wraps around
local f = ipairs{}
local k, v = f({[math.mininteger] = 10}, math.maxinteger)
print(k == math.mininteger, v)
print(f({[math.mininteger] = 10}, k))
print(pcall(f, {}, 1.5))
print(pcall(f, {}, "x"))
print(pcall(f, {}, "2"))
print(f({1,2,3}, "2"))
print(pcall(f, {}, nil))
print(f({[2^53] = "big"}, 2^53 - 1))
print(f({[2^53 + 1] = "big"}, 2^53 // 1))
for i, v in ipairs({1, 2, 3}) do io.write(i, "=", v, " ") end print()
