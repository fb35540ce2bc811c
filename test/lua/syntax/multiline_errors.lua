-- line numbers in syntax errors spanning lines
local function try(src) local f, e = load(src, "=src"); print((e:gsub("\n", "\\n"))) end
try("local x = 1\nlocal y = \nlocal z = 3")
try("f(\n1,\n2\n")
try("t = {\n1,\n2\n")
try("if x then\n  y = 1\nelse\n  z = 2\n")
try("function f()\n  return\nend end")
try("x = [[\nabc\ndef")
try("--[==[\n\n\n")
try("local s = 'abc\n'")
try("while true do\n\n\n  local x = \nend")
