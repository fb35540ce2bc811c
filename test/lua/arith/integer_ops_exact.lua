-- integer operations are exact beyond 2^53
local big = 2^53 // 1
print(big, big + 1, big + 2, big * 3 + 1)
print(9007199254740993 - 9007199254740992, 9007199254740993 % 2, 9007199254740993 // 2)
print(math.maxinteger - 1, math.maxinteger // 2, math.maxinteger % 10)
print(123456789012345678 * 10, 123456789012345678 // 7, 123456789012345678 % 7)
print(-123456789012345678 // 7, -123456789012345678 % 7)
print(0x7fffffffffffffff // 0x100000000, 0x7fffffffffffffff % 0x100000000)
print(1 << 53 | 1, (1 << 53 | 1) + 0.0 == 2^53)
print(string.format("%d", 2^53 + 1), string.format("%.0f", 2^53 + 1))
