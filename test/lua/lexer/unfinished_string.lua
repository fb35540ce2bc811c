-- unfinished strings and long strings/comments
for _, src in ipairs{
  'x = "abc', "x = 'abc", 'x = "abc\ndef"', 'x = [[abc', 'x = [==[abc]=]', '--[[ abc',
  'x = [=', 'x = [==x', 'x = "\\', '--[==[ x ]]', 'x = "a\\\n',
} do
  print(string.format("%q", src), load(src))
end
