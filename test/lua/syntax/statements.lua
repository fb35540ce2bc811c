-- statement forms that must parse
local ok = load([==[
;;; local a = 1; ;
local b, c = 2
local function f(...) return ... end
function g(x) return x end
local t = {f = f}
function t.h(self) return self end
function t:m() return self end
do end
while false do end
repeat until true
if false then elseif false then else end
for i = 1, 0 do end
for k in next, {} do end
goto skip
::skip::
f(1); f"str"; f[[long]]; f{1}
t:m(); t:m"x"; t:m{}
a, b = b, a
t.x, t["y"] = 1, 2
return
]==], "=stmts")
print(type(ok))
print(type(load("return;", "=r"))) -- "return" may be followed by ";"
print(load("return 1; x = 1", "=r"))
print(load("return return", "=r"))
print(load("do return end x = 1", "=r") ~= nil)
print(load("x = 1 return", "=r") ~= nil)
print(load("f() = 1", "=r"))
print(load("a.b:c() = 1", "=r"))
print(load("local a.b = 1", "=r"))
print(load("x, f() = 1, 2", "=r"))
print(load("(a) , b = 1", "=r") ~= nil)
