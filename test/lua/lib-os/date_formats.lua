-- os.date with fixed timestamps in UTC ('!'), every C99 conversion
local t = 1000000000 -- 2001-09-09 01:46:40 UTC, a Sunday
for _, c in ipairs{"a","A","b","B","c","C","d","D","e","F","g","G","h","H","I","j","m","M","n","p","r","R",
                   "S","t","T","u","U","V","w","W","x","X","y","Y","z","Z","%",
                   "Ec","EC","Ex","EX","Ey","EY","Od","Oe","OH","OI","Om","OM","OS","Ou","OU","OV","Ow","OW","Oy"} do
  print(c, "[" .. os.date("!%" .. c, t) .. "]")
end
print(os.date("!%Y-%m-%dT%H:%M:%S", 0), os.date("!%c", -1), os.date("!%c", 86400 * 365 * 30 + 12 * 3600 + 5))
print(os.date("!plain text, no conversions", t), os.date("!", t))
for _, y in ipairs{-1500, -999, -150, -99, -5, -1, 0, 1, 5, 99, 150, 999, 1000, 1899, 1900, 1999, 2000, 2004, 12345} do
  local tt = os.time{year = y, month = 1, day = 2} -- noon local: the same UTC day in any zone
  print(y, os.date("!%Y|%C|%y|%G|%g|%V|%U|%W|%j|%a|%u|%w", 86400 * (tt // 86400)))
end
-- week numbers around new year
for d = 26, 40 do
  local tt = (d - 1) * 86400 + 1609459200 - 31 * 86400 -- from 2020-12-01
  io.write(os.date("!%F %a %U %W %V %G|", tt))
end
print()
for _, bad in ipairs{"%Ez", "%Ez abc", "%", "x%", "%Oa", "%E", "%k", "%5d", "%-d", "%Q"} do
  print(bad, pcall(os.date, bad, 0))
end
print(pcall(os.date, "%Y", 1.5))
print(pcall(os.date, "%Y", "x"))
print(pcall(os.date, "!%Y", 2^60))
print(pcall(os.date, "!*t", 2^60))
print(pcall(os.date, "!%Y", 67768036191676799), pcall(os.date, "!%Y", 67768036191676800))
print(pcall(os.date, {}))
print(os.date("!%Y", "100000000"))
