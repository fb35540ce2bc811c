-- line hooks in while, repeat and goto loops
local lines
local function hook(_, line) lines[#lines + 1] = line end
local function run(label, f)
  lines = {}
  debug.sethook(hook, "l")
  f()
  debug.sethook()
  print(label, table.concat(lines, " "))
end

run("while", function()
  local i = 0
  while i < 2 do
    i = i + 1
  end
  return i
end)

run("while one line", function()
  local i = 0
  while i < 3 do i = i + 1 end
end)

run("repeat", function()
  local i = 0
  repeat
    i = i + 1
  until i >= 2
end)

run("goto", function()
  local i = 0
  ::top::
  i = i + 1
  if i < 3 then goto top end
end)

run("goto continue", function()
  for i = 1, 2 do
    if i == 1 then goto continue end
    local x = i
    ::continue::
  end
end)

run("while true break", function()
  local n = 0
  while true do
    n = n + 1
    if n == 2 then break end
  end
end)
