-- table.concat: separators, ranges, numbers
local t = {1, 2.5, "x", 3.0, -0.0, math.maxinteger, 2^63}
print(table.concat(t))
print(table.concat(t, ", "))
print(table.concat(t, ", ", 2, 4))
print(table.concat(t, "-", 3))
print("[" .. table.concat(t, ",", 4, 3) .. "]")
print("[" .. table.concat({}) .. "]")
print("[" .. table.concat({}, "x") .. "]")
print(table.concat({"a"}, "sep"))
print(table.concat({"a", "b"}, 1))
print(table.concat({"a", "b"}, 2.5))
print(table.concat({"a", "b", "c"}, "", 2.0, 3.0))
print(table.concat({"a", "b", "c"}, nil, nil, 2))
print(table.concat({[-1] = "m", [0] = "z", "a"}, ",", -1, 1))
print(table.concat({"a\0b", "c"}, "\0") == "a\0b\0c")
local parts = {}
for i = 1, 1000 do parts[i] = i % 10 end
print(#table.concat(parts), #table.concat(parts, "::"))
