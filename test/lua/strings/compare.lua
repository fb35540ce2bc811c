-- string comparison is bytewise (in the C locale)
local words = {"banana", "Apple", "apple", "", "a", "ab", "b", "\0", "a\0", "Z", "z", "10", "9", "\255"}
table.sort(words)
local out = {}
for i, w in ipairs(words) do out[i] = string.format("%q", w) end
print(table.concat(out, " "))
print("a" < "b", "abc" < "abd", "abc" < "ab", "" < "\0", "a\0b" < "a\0c", "\127" < "\128")
print("a" <= "a", "b" >= "a", "A" < "a")
