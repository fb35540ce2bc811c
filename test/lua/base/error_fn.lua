-- error positions with levels 1, 2 and 0, in nested calls
local function thrower(level) error("msg", level) end
local function wrap(level) thrower(level) end   -- line 3
print(pcall(wrap, 1))
print(pcall(wrap, 2))
print(pcall(wrap, 3))
print(pcall(wrap, 0))
print(pcall(error, "plain", 1))   -- level 1 is pcall itself (a C function): no position
print(pcall(error, setmetatable({}, {__tostring = function() return "obj" end})))
local ok, e = pcall(error, "x", -1)
print(ok, e)
