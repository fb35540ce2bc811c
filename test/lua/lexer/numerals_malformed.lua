-- malformed numbers
for _, src in ipairs{
  "return 1e", "return 1e+", "return 0x", "return 0xg", "return 3..2", "return 1.2.3",
  "return 0x1p", "return 1.5e", "return 12abc", "return 0x1.2.3", "return 08x", "return 1__",
  "return 0x.p1", "return .e1",
} do
  print(src, load(src))
end
print(load("return 3 .. 2")())
print(load("return 0x1e")())
print(load("return 0xe+1")())
