-- %q round trips through load
local vals = { "plain", "quote\"s", "back\\slash", "new\nline", "cr\rx", "\0zero", "\0001digit",
  "\1\2\3", "\127\128\255", "tab\tx", "\r\n", "\0259", "é", "", 0, 1, -1, 42, 1.5, -0.0, 0.1, 1e300,
  -1e-300, 1/3, 2^53, 2^63, math.maxinteger, math.mininteger, math.pi, 1/0, -1/0, true, false, 255.0 }
for i, v in ipairs(vals) do
  local q = string.format("%q", v)
  local back = load("return " .. q)()
  local same = back == v and math.type(back) == math.type(v)
  if v == 0 and math.type(v) == "float" then same = same and 1 / back == 1 / v end
  print(i, same, type(v) == "string" and #q or q)
end
print("nil", string.format("%q", nil))
print("nan", string.format("%q", 0/0):gsub("-", ""))
local nan = load("return " .. string.format("%q", 0/0))()
print("nan back", nan ~= nan)
print("minint", string.format("%q", math.mininteger))
print("q text", string.format("%q", "a\nb\0c\"\\\1\0019\200"))
print("q with others", string.format("%s=%q;", "x", "y\n"))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
print("all bytes", load("return " .. string.format("%q", all))() == all)
print("q int str", string.format("%q", "10"), string.format("%q", 10))
