-- utf8.codes: positions and code points; invalid sequences raise errors
local s = "h\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80!"
for p, c in utf8.codes(s) do print(p, c) end
for p, c in utf8.codes("") do print("never", p, c) end
-- 5.4.6: a stray continuation byte is invalid after a character and at the start
print(pcall(function() for p, c in utf8.codes("a\x80") do print("trailing cont", p, c) end end))
print(pcall(function() for p, c in utf8.codes("\x80a") do print("leading cont", p, c) end end))
print(pcall(function() for p, c in utf8.codes("ab\xC3\xA9\x80z") do print("after 2-byte", p, c) end end))
for p, c in utf8.codes("\xF4\x90\x80\x80", true) do print("lax", p, c) end
for p, c in utf8.codes(123) do print("number", p, c) end
print(pcall(function() for p, c in utf8.codes("a\xC3") do print(p, c) end end))
print(pcall(function() for p, c in utf8.codes("\xF4\x90\x80\x80") do print(p, c) end end))
print(pcall(function() for p, c in utf8.codes("ok\xED\xA0\x80") do print(p, c) end end))
print(pcall(utf8.codes))
print(pcall(utf8.codes, {}))
local f, st, ctl = utf8.codes("xyz")
print(type(f), st, ctl)
print(f(st, ctl))
print(f(st, 1))
print(f(st, 3))
print(f(st, -1))
print(f(st, 100))
print(pcall(function() for p, c in utf8.codes("\xC3\xA9\x80\x80z") do print("conts", p, c) end end))
