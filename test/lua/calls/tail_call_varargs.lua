-- tail calls pass all results through
local function three() return 1, 2, 3 end
local function tc() return three() end
print(tc())
local function tv(...) return select("#", ...), ... end
local function pass(...) return tv(...) end
print(pass(nil, nil))
-- a parenthesized call is not a tail call and truncates to one value
local function paren() return (three()) end
print(paren())
-- tail-calling a C function and a callable table
local function tcc(s) return string.upper(s) end
print(tcc("abc"))
local callable = setmetatable({}, {__call = function(_, x) return "called with " .. x end})
local function tct(x) return callable(x) end
print(tct("y"))
local function deep(n) if n == 0 then return callable(n) end return deep(n - 1) end
print(deep(100000))
