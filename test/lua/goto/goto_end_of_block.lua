-- a label at the end of a block is outside the scope of the block's locals
local out = {}
for i = 1, 3 do
  local skip = i == 2
  if skip then goto continue end
  local msg = "item " .. i
  out[#out + 1] = msg
  ::continue::
end
print(table.concat(out, ", "))
local n = 0
while n < 5 do
  n = n + 1
  if n % 2 == 1 then goto next end
  local doubled = n * 2
  io.write(doubled, " ")
  ::next::
end
print()
