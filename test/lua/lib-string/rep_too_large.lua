-- string.rep refuses results past INT_MAX with the reference's own test, integer division included
print(pcall(string.rep, "a", 1 << 30, ","))
print(pcall(string.rep, "aa", 1 << 30))
print(pcall(string.rep, "ab", math.maxinteger))
print(#string.rep("x", 3, "yy"))
