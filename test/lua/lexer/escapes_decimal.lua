-- \ddd decimal escapes (up to 3 digits)
local function bytes(s) return table.concat({s:byte(1, -1)}, ",") end
print(bytes("\0"), bytes("\00"), bytes("\000"))
print(bytes("\65\066\0671"))
print(bytes("\2551"), bytes("\255"))
print(bytes("\0001"))
print(bytes("\1\12\123\1234"))
print(#"a\0b\0c", ("a\0b"):byte(2))
print("\72\105")
for _, src in ipairs{'return "\\256"', 'return "\\300"', 'return "\\999"'} do
  print(src, load(src))
end
