-- invalid escape sequences
for _, src in ipairs{
  'return "\\q"', 'return "\\c"', 'return "\\ "', 'return "\\%"', 'return "abc\\('
} do
  print(src, load(src))
end
