-- \z skips following whitespace including newlines
local s = "abc\z
           def\z   ghi"
print(s, #s)
local t = "x\z

      \z
   y"
print(t, #t)
print(("a\z b"), #"a\zb")
print(#"\z", #"1\z  ")
