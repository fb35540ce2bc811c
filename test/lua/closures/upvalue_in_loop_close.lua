-- upvalues are closed at break, goto and return out of loops
local fs = {}
for i = 1, 10 do
  local v = i
  fs[#fs + 1] = function() return v end
  if i == 3 then break end
end
print(#fs, fs[1](), fs[2](), fs[3]())
local gs = {}
do
  local i = 1
  ::top::
  local x = i
  gs[i] = function() return x end
  i = i + 1
  if i <= 3 then goto top end
end
print(gs[1](), gs[2](), gs[3]())
local function ret()
  while true do local z = "closed"; return function() return z end end
end
print(ret()())
