-- output produced before the error is kept
for i = 1, 3 do print("line", i) end
io.write("no newline")
local t = nil
t.x = 1
