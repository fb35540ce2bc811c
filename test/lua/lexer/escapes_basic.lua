-- simple escapes, printed as byte lists
local function bytes(s) return table.concat({s:byte(1, -1)}, ",") end
print("a", bytes("\a"))
print("b", bytes("\b"))
print("f", bytes("\f"))
print("n", bytes("\n"))
print("r", bytes("\r"))
print("t", bytes("\t"))
print("v", bytes("\v"))
print("backslash", bytes("\\"))
print("dquote", bytes("\""))
print("squote", bytes('\''))
print("mixed", bytes('\"\'"'))
print("newline-escape", bytes("a\
b"))
print("len", #"\a\b\f\n\r\t\v\\\"\'")
