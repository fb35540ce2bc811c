-- long brackets of various levels
print([[simple]])
print([==[with ]] and ]=] inside]==])
print([[
first newline skipped]])
print(#[[

two]])
print([=[
a
b]=])
print([[a\nb\z]])
print([====[]====] == "")
print([[]] == "")
local s = [[
line1
line2
]]
print(#s, (s:gsub("\n", "|")))
print([[x]]..[=[y]=])
