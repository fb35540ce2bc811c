-- gmatch: captures, anchors, init (5.4), empty matches, iterator reuse, errors
local function collect(it) local t = {} for a, b in it do t[#t + 1] = b and (a .. "|" .. b) or tostring(a) end return table.concat(t, ",") end
print("words", collect(("one two  three"):gmatch("%a+")))
print("pairs", collect(("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)")))
print("empty", collect(("abc"):gmatch("")))
print("empty star", collect(("abc"):gmatch("x*")))
print("anchor", collect(("aaa"):gmatch("^a")))
print("anchor mid", collect(("a^a"):gmatch("a^")))
print("init", collect(("abcabc"):gmatch("b", 3)), collect(("abcabc"):gmatch("b", -2)))
print("init 0", collect(("abc"):gmatch(".", 0)), collect(("abc"):gmatch(".", -10)))
print("init past", collect(("abc"):gmatch(".", 4)), collect(("abc"):gmatch("", 4)), collect(("abc"):gmatch("", 5)))
print("init huge", collect(("abc"):gmatch("", math.maxinteger)), collect(("abc"):gmatch(".", math.mininteger)))
print("position", collect(("hello"):gmatch("()l")))
print("pos pairs", collect(("abc"):gmatch("()(.)")))
print("no self-advance", collect(("aaa"):gmatch("a-")))
print("numbers", collect(string.gmatch(123.5, "%d+")))
print("zeros", collect(("a\0b\0c"):gmatch("[^\0]+")))
local it = ("x y z"):gmatch("%a")
print("manual", it(), it(), it(), it(), it())
print("pcall gmatch", pcall(string.gmatch))
print("bad init", pcall(string.gmatch, "abc", ".", "x"))
print("bad init float", pcall(string.gmatch, "abc", ".", 1.5))
print("bad pattern late", pcall(function() local f = ("abc"):gmatch("(") return f() end))
print("method error", pcall(function() return ("x"):gmatch({}) end))
local s = "k1=v1;k2=v2"
local t = {}
for k, v in s:gmatch("(%w+)=(%w+)") do t[#t + 1] = k .. ":" .. v end
print("loop", table.concat(t, " "))
local n = 0
for _ in ("x"):rep(10000):gmatch("x") do n = n + 1 end
print("long", n)
print("frontier", collect(("THE (quick) brown"):gmatch("%f[%a]%a+")))
print("balanced", collect(("(a)(b(c))x"):gmatch("%b()")))
