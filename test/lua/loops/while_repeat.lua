-- while and repeat loops
local i = 0
while i < 5 do i = i + 1 end
print(i)
while false do error("never") end
local n = 0
repeat n = n + 1 until n >= 3
print(n)
-- the until condition sees the body's locals
local k = 0
repeat local done = k >= 2; k = k + 1 until done
print(k)
local count = 0
while true do count = count + 1; if count == 7 then break end end
print(count)
local r = 0
repeat r = r + 1; if r == 4 then break end until false
print(r)
local outer = 0
for a = 1, 3 do
  for b = 1, 3 do
    if b == 2 then break end
    outer = outer + 1
  end
end
print(outer)
