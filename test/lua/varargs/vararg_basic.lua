-- ... in functions
local function count(...) return select("#", ...) end
local function pass(...) return ... end
local function first(...) local a = ...; return a end
local function pack(...) return {...} end
print(count(), count(nil), count(1, nil), count(nil, nil, nil))
print(pass(1, 2, 3))
print(first(9, 8, 7))
print((pass(1, 2, 3)))
print(#pack(1, 2, 3), pack(1, 2)[2])
local function mid(...) return ..., "end" end
print(mid(1, 2, 3))
local function tail(...) return "start", ... end
print(tail(1, 2, 3))
local function fixed(a, b, ...) return a, b, select("#", ...) end
print(fixed(1))
print(fixed(1, 2, 3, 4, 5))
print(select("#", ...), ...)
