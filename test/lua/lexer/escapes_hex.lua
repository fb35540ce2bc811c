-- \xXX hex escapes (exactly two hex digits)
local function bytes(s) return table.concat({s:byte(1, -1)}, ",") end
print(bytes("\x00\x41\x7f\x80\xff\xFF\xaB"))
print("\x48\x69")
print(bytes("\x411"))
for _, src in ipairs{'return "\\x"', 'return "\\x4"', 'return "\\xg1"', 'return "\\x4g"'} do
  print(src, load(src))
end
