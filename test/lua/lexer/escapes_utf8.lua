-- \u{XXX} escapes, up to 2^31-1 (extended UTF-8 up to 6 bytes)
local function bytes(s) return table.concat({s:byte(1, -1)}, ",") end
print(bytes("\u{0}"))
print(bytes("\u{41}"), "\u{41}")
print(bytes("\u{7F}"), bytes("\u{80}"), bytes("\u{7FF}"), bytes("\u{800}"))
print(bytes("\u{FFFF}"), bytes("\u{10000}"), bytes("\u{10FFFF}"))
print(bytes("\u{110000}"))
print(bytes("\u{1FFFFF}"), bytes("\u{200000}"))
print(bytes("\u{3FFFFFF}"), bytes("\u{4000000}"))
print(bytes("\u{7FFFFFFF}"))
print(bytes("\u{D800}"))
print(bytes("\u{000000041}"))
print("\u{48}\u{e9}\u{20AC}")
for _, src in ipairs{'return "\\u{80000000}"', 'return "\\u{}"', 'return "\\u41"',
                     'return "\\u{41"', 'return "\\u{zz}"', 'return "\\u{FFFFFFFFF}"'} do
  print(src, load(src))
end
