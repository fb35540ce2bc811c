-- <close> variables are also constant
print(load("local x <close> = nil; x = 1", "=src"))
print(load("local x <close> = nil; local function f() x = 1 end", "=src"))
print(load("local a <close>, b <close> = nil, nil", "=src"))
print(load("local a <close>, b = nil, nil", "=src") ~= nil)
print(load("local a, b <close> = nil, nil", "=src") ~= nil)
