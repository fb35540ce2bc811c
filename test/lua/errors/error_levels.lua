-- error with levels: position of the function that called error, or of its caller
local function lvl1() error("level 1") end
local function lvl2() error("level 2", 2) end
local function lvl0() error("level 0", 0) end
local function caller() lvl2() end
print(pcall(lvl1))
print(pcall(caller))
print(pcall(lvl0))
print(pcall(function() error("three", 3) end))
print(pcall(function() local function inner() error("deep", 3) end; local function mid() inner() end; mid() end))
print(pcall(error))
print(pcall(error, nil))
print(pcall(error, "msg"))
print(pcall(error, "msg", 1))
print(pcall(error, "msg", 2))
print(pcall(function() error("x", 50) end))
print(pcall(function() error(42) end))
print(pcall(function() error(42, 2) end))
