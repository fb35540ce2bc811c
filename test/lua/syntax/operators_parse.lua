-- all binary and unary operators parse and evaluate
local a, b = 7, 2
print(a + b, a - b, a * b, a / b, a % b, a ^ b, a // b)
print(a & b, a | b, a ~ b, a << b, a >> b, ~a, -a, not a, #"ab")
print(a == b, a ~= b, a < b, a <= b, a > b, a >= b)
print(a and b, a or b, "x" .. "y")
print(- -a, not not a, ~~a, - - - a)
print(2^-2, -2^-2, 2^ -2)
print(1//1, 1 // 1, 1--[[c]]//1)
print(a<b, a<=b, a>>1, a<<1)
