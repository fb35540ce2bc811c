-- line hooks in numeric and generic for loops
local lines
local function hook(_, line) lines[#lines + 1] = line end
local function run(label, f)
  lines = {}
  debug.sethook(hook, "l")
  f()
  debug.sethook()
  print(label, table.concat(lines, " "))
end

run("numeric", function()
  local sum = 0
  for i = 1, 3 do
    sum = sum + i
  end
  return sum
end)

run("numeric one line", function()
  local sum = 0
  for i = 1, 3 do sum = sum + i end
  return sum
end)

run("numeric zero iterations", function()
  for i = 1, 0 do
    local x = i
  end
end)

run("generic", function()
  local t = { "a", "b" }
  for i, v in ipairs(t) do
    local x = v
  end
end)

run("generic break", function()
  for i, v in ipairs({ 1, 2, 3 }) do
    if v == 2 then
      break
    end
  end
end)

run("nested", function()
  for i = 1, 2 do
    for j = 1, 2 do
      local x = i * j
    end
  end
end)
