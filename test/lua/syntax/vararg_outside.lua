-- '...' outside a vararg function
local function try(src) local f, e = load(src, "=src"); print(e or "ok") end
try("return ...")
try("function f() return ... end")
try("function f(...) return function() return ... end end")
try("function f(a, ...) local t = {...} end")
try("function f(..., a) end")
try("local f = function(...) return select('#', ...) end")
try("function f(a, ..., b) end")
