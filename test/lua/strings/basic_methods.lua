-- a few string methods everything depends on
local s = "Hello, World"
print(s:len(), s:upper(), s:lower(), s:reverse())
print(s:find("World"), s:find("o", 6), s:find("xyz"), s:find(""))
print(s:find(".", 1, true), s:find("l+"))
print(s:match("(%a+), (%a+)"))
print(s:gsub("o", "0"))
print(s:byte(1), s:byte(-1), string.char(72, 105))
local words = {}
for w in s:gmatch("%a+") do words[#words + 1] = w end
print(table.concat(words, "|"))
print(("%d-%s"):format(1, "x"), ("  trim  "):match("^%s*(.-)%s*$") .. "|")
