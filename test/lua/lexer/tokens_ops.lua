-- multi-character tokens lexed greedily
print(7 // 2, 7 / 2, 1 << 3, 16 >> 2, 5 ~= 6, 5 == 5, 3 <= 4, 4 >= 3)
print(~5, 5 ~ 3, "a" .. "b", select("#", ...))
local t = {1, 2, 3}
print(#t, -t[1], - -t[2], not nil)
print(2^-1, -2^2, 2^3^2)
goto l ::l:: print("label")
print(1--[[c]]+1)
print(3- -3)
print("a"..'b'..[[c]])
local s = 1.5 .."x"
print(s)
