-- %q produces a string readable back by Lua
local samples = {"plain", "with \"quotes\"", "back\\slash", "new\nline", "tab\tchar", "cr\rx",
  "zero\0byte", "\0001", "\1\2\3", "\127\128\255", "bell\a", "", "'single'"}
for _, s in ipairs(samples) do
  local q = string.format("%q", s)
  print(q, load("return " .. q)() == s)
end
for _, v in ipairs{1, -1, 0, 1.5, -0.0, 1e100, 2^63, math.mininteger, math.maxinteger, 1/0, -1/0} do
  print(string.format("%q", v))
end
print(string.format("%q", true), string.format("%q", nil), string.format("%q", false))
print(pcall(string.format, "%q", {}))
print(pcall(string.format, "%q", print))
