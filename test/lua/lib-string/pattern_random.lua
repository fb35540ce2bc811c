-- random patterns over random subjects: find, gsub and gmatch agree with the reference
-- (guards the literal/class head prefilters of the pattern engine)
local seed = 7
local function rnd(n) seed = (seed * 16807) % 2147483647 return seed % n end
local atoms = { "a", "b", "%a", "%d", "[ab]", "[^a]", ".", "%.", "%[", "(", ")", "()", "%s", "x", "[%d%.]", "%f[%a]", "%b()", "%1", "^", "$", "[a-c]" }
local sufs = { "", "", "", "*", "+", "-", "?" }
local subjects = {}
for i = 1, 20 do
  local t = {}
  for j = 1, 10 + rnd(40) do t[j] = ("ab1.x [()]c\0"):sub(1 + rnd(12), 1 + rnd(12)) end
  subjects[i] = table.concat(t)
end
for i = 1, 400 do
  local p = {}
  for j = 1, 1 + rnd(4) do p[j] = atoms[1 + rnd(#atoms)] .. sufs[1 + rnd(#sufs)] end
  p = table.concat(p)
  local s = subjects[1 + rnd(#subjects)]
  local ok1, a1, b1 = pcall(string.find, s, p, 1 + rnd(5))
  local ok2, r2, n2 = pcall(string.gsub, s, p, "<%0>", rnd(4) == 0 and 2 or nil)
  local t = {}
  local ok3 = pcall(function() for c in s:gmatch(p) do t[#t + 1] = tostring(c) if #t > 50 then break end end end)
  print(i, ok1, a1, b1, ok2, r2, n2, ok3, table.concat(t, ","))
end
-- long subjects take the prefilter paths
local long = ("xx yy 12.5 [a] (b) "):rep(20)
print("long find", long:find("%[(%a)%]", 30), long:find("(%d+)%.(%d)"), long:find("[%d]+", 100))
print("long gsub", select(2, long:gsub("%a+", "W")), select(2, long:gsub("%[", "{")), select(2, long:gsub("()%(", "")))
print("long gmatch", select(2, long:gsub("%d", "")), #long:gsub("[^%s]+", ""))
print("long malformed", pcall(string.gsub, long, "q[", ""), pcall(string.find, long, "%[%"))
print("long no head", long:find("%f[%d]%d"), select(2, long:gsub("x*", "")))
