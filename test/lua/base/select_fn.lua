-- select('#') counts trailing nils; negative indices count from the end
local function f(...) return select("#", ...), select(-1, ...) end
print(f(1, 2, nil))
print(f(nil))
print(select(2, "a", nil, "c"))
print(pcall(select, -1))
print(select("#", select(2, 1, 2, 3)))
