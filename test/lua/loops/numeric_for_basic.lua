-- numeric for: integer and float loops
local function run(a, b, c)
  local out = {}
  if c then for i = a, b, c do out[#out + 1] = string.format("%q", i) end
  else for i = a, b do out[#out + 1] = string.format("%q", i) end end
  print(a, b, c, "->", table.concat(out, " "))
end
run(1, 3) run(3, 1) run(1, 3, 2) run(3, 1, -1) run(1, 1) run(0, -1)
run(1.0, 3) run(1, 3.5) run(1, 2, 0.5) run(0.1, 0.5, 0.1) run(1, 0, -0.25)
run(5, 1, -2) run(-3, 3, 3) run(1, 3.9) run(1, -1.5, -1)
run("1", 2)
