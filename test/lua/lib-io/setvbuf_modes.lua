-- setvbuf: 'full' keeps writes until the buffer fills, a flush, a seek or a close; 'line' until a newline; 'no' writes through
local name = os.tmpname()
local function contents() local f = io.open(name, "rb") local s = f:read("a") f:close() return s end

local f = assert(io.open(name, "w"))
print("full", f:setvbuf("full", 8))
f:write("abc")
print("after 3 bytes", ("%q"):format(contents()))
f:write("defgh")
print("after 8 bytes", ("%q"):format(contents()))
f:write("ij")
print("after 10 bytes", ("%q"):format(contents()))
f:flush()
print("after flush", ("%q"):format(contents()))

print("line", f:setvbuf("line"))
f:write("one")
print("no newline", ("%q"):format(contents()))
f:write(" two\nthree")
print("newline", ("%q"):format(contents()))
f:seek("cur", 0)
print("after seek", ("%q"):format(contents()))

print("no", f:setvbuf("no"))
f:write("!")
print("unbuffered", ("%q"):format(contents()))

print("full again", f:setvbuf("full", 1000))
f:write("tail")
f:close()
print("after close", ("%q"):format(contents()))
print(pcall(f.setvbuf, f, "full"))
print(pcall(io.stdout.setvbuf, io.stdout, "middle"))
os.remove(name)
