-- error with a table and a level: the level is ignored for non-strings
local function f() error({}, 2) end
f()
