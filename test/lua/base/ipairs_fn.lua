-- ipairs stops at the first nil
for i, v in ipairs({"a", "b", "c"}) do print(i, v) end
for i, v in ipairs({1, 2, nil, 4}) do print("holes", i, v) end
for i, v in ipairs({}) do print("never") end
for i, v in ipairs({[2] = "x"}) do print("never") end
local f, s, c = ipairs({})
print(type(f), type(s), c)
print(f({10, 20}, 0))
print(f({10, 20}, 2))
print(pcall(ipairs))
print(pcall(function() for _ in ipairs(nil) do end end))
-- ipairs respects __index
local p = setmetatable({}, {__index = function(_, i) return i <= 2 and "v" .. i or nil end})
for i, v in ipairs(p) do print("meta", i, v) end
