-- every character class, complemented classes, sets, ranges, quantifiers
local classes = { "a", "c", "d", "g", "l", "p", "s", "u", "w", "x" }
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
for _, c in ipairs(classes) do
  local n1 = select(2, all:gsub("%" .. c, ""))
  local n2 = select(2, all:gsub("%" .. c:upper(), ""))
  local n3 = select(2, all:gsub("[%" .. c .. "]", ""))
  local n4 = select(2, all:gsub("[^%" .. c .. "]", ""))
  print(c, n1, n2, n3, n4, (all:match("%" .. c)):byte())
end
print("dot", select(2, all:gsub(".", "")))
print("z", ("a\0b"):find("%z"), ("a\0b"):find("%Z+"))
print("punct escape", ("a.b"):match("%."), ("a%b"):match("%%"), ("a-b"):match("%-"), ("a]b"):match("%]"))
print("set", ("hello world"):match("[aeiou]+"), ("hello"):match("[^aeiou]+"), ("x-y"):match("[a%-]"))
print("range", ("abcXYZ"):match("[a-c]+"), ("XYZabc"):match("[A-Z]+"), ("az-"):match("[z-a]"))
print("set edge", ("]"):match("[]]"), ("^"):match("[x^]"), ("a^"):match("[^^]"), ("-"):match("[-]"), ("a-"):match("[a-]+"))
print("set class", ("a1 b2"):match("[%d%s]+"), ("ab12"):match("[^%a]+"), ("a_b"):match("[%w_]+"))
print("quant *", ("aaab"):match("a*"), ("b"):match("a*") == "", ("aaab"):match("a-b"), ("aaab"):match("a+b"))
print("quant ?", ("ab"):match("a?b"), ("b"):match("a?b"), ("xab"):match("x?a?b"))
print("quant -", ("<a><b>"):match("<(.-)>"), ("<a><b>"):match("<(.*)>"))
print("high", ("\128\255a"):match("[\128-\255]+") == "\128\255", ("\255"):match("%a"))
print("dot zero", #("\0\0\0"):match(".+"), ("a\0b"):match("a.b") == "a\0b")
print("specials literal", ("a+b"):match("a+b"), ("a+b"):match("a%+b"), ("(x)"):match("%((.)%)"))
