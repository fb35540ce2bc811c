-- line counting across long strings, long comments and escaped newlines
local function line_of(src)
  local ok, err = pcall(load(src, "=c"))
  return err
end
print(line_of("local s = [[\n\n\n]] error('x')"))
print(line_of("--[[\n\n]] error('x')"))
print(line_of("local s = 'a\\\nb\\\nc' error('x')"))
print(line_of("local s = \"\\z\n\n   \" error('x')"))
print(line_of("\n\n\n\n\n\n\n\n\n\nerror('line 11')"))
print(line_of("local t = {\n1,\n2,\nnil + 1}"))
print(line_of("local x = 1 --[==[\n]]\n]==] error('x')"))
print(line_of("--\n--\nerror('x')"))
print(select(2, load("x = [[\n\n", "=c")))
print(select(2, load("x = 1\n\n'", "=c")))
