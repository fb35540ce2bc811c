-- deep nesting: moderate depth compiles, excessive depth is a (catchable) error
-- (the exact threshold depends on the implementation; only far-apart depths are tested)
local function try(label, src)
  local ok, f, e = pcall(load, src, "=src")
  if f then print(label, "ok") else print(label, "error", (tostring(e):gsub("^src:%d+: ", ""))) end
end
local function rep(a, n, b) return string.rep(a, n) .. (b or "") end
try("parens 100", "x = " .. rep("(", 100) .. "1" .. rep(")", 100))
try("parens 1000", "x = " .. rep("(", 1000) .. "1" .. rep(")", 1000))
try("do 100", rep("do ", 100) .. rep("end ", 100))
try("do 1000", rep("do ", 1000) .. rep("end ", 1000))
try("tables 100", "x = " .. rep("{", 100) .. rep("}", 100))
try("tables 1000", "x = " .. rep("{", 1000) .. rep("}", 1000))
try("unary 100", "x = " .. rep("- ", 100) .. "1")
try("unary 1000", "x = " .. rep("- ", 1000) .. "1")
try("pow 100", "x = 2" .. rep(" ^ 2", 100))
try("pow 1000", "x = 2" .. rep(" ^ 2", 1000))
try("concat 1000", "x = 'a'" .. rep(" .. 'a'", 1000))
try("functions 20", rep("f = function() ", 20) .. rep(" end", 20))
try("functions 1000", rep("f = function() ", 1000) .. rep(" end", 1000))
try("left assoc 5000", "x = 1" .. rep(" + 1", 5000))
try("field chain 1000", rep("a.", 1000) .. "a = 1")
try("call chain 1000", "x = f" .. rep("()", 1000))
try("if 1000", rep("if x then ", 1000) .. rep(" end", 1000))
