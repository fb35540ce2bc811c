-- binary bytes, tmpfile, popen, stdin at EOF, long numerals, to-be-closed files
local f = assert(io.tmpfile())
local s = ""
for i = 0, 255 do s = s .. load("return '\\" .. i .. "'")() end
f:write(s, s)
print(f:seek("set"), #f:read("a"), f:seek("set", 254))
local a = f:read(4)
print(#a, a == load("return '\\254\\255\\0\\1'")())
f:close()
-- a numeral longer than 200 characters fails
f = assert(io.tmpfile())
local long = "1"
for i = 1, 210 do long = long .. "0" end
f:write(long, " 7")
f:seek("set")
print("long", f:read("n"), f:read("n"))
f:seek("set")
f:write("  -0x1p4 +12 - 9")
f:seek("set")
print("signs", f:read("n", "n", "n"))
print("rest", f:read("a"))
f:close()
-- stdin is /dev/null here
print("stdin", io.read(), io.read("a"), io.read("n"), io.read(0), io.stdin:read(1))
for l in io.lines() do print("never", l) end
-- to-be-closed file
local name = os.tmpname()
do
  local g <close> = assert(io.open(name, "w"))
  g:write("closed by tbc")
  saved = g
end
print(io.type(saved), io.open(name):read("a"))
os.remove(name)
-- io.popen
local p = io.popen("echo hello; exit 3")
print(io.type(p), p:read("l"), p:read("l"))
print(p:close())
p = io.popen("cat > /dev/null", "w")
print(p:write("data") == p, p:close())
print(pcall(io.popen, "true", "x"))
-- too many formats for lines
local src = "return io.lines(nil"
for i = 1, 251 do src = src .. ", 'l'" end
print(pcall(load(src .. ")")))
src = "return io.lines(nil"
for i = 1, 250 do src = src .. ", 'l'" end
print((pcall(load(src .. ")"))))
