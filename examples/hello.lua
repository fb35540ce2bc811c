-- hello.lua: a first moonbox script
local who = arg[1] or "world"
print(("Hello, %s! This is %s."):format(who, _VERSION))

local squares = {}
for i = 1, 5 do squares[#squares + 1] = i * i end
print("squares: " .. table.concat(squares, " "))
