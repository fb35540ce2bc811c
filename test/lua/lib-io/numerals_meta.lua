-- read('n') edge cases, io.lines errors, metatable of files
local f = assert(io.tmpfile())
f:write("0x 5 . 6 -. 7 1e+ 8 inf 9 nan 10 0x1p 11 0x1P-1 0xA.8 1.5e3 -0 007 0x7fffffffffffffff 9223372036854775808 12")
f:seek("set")
local out = {}
for i = 1, 40 do
  local v = f:read("n")
  if v == nil then
    local skip = f:read(1)
    if skip == nil then break end
    out[#out + 1] = "fail"
  else
    out[#out + 1] = tostring(v) .. ":" .. math.type(v)
  end
end
print(table.concat(out, " "))
f:close()
local mt = getmetatable(io.stdout)
local names = {}
for k in pairs(mt) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
names = {}
for k in pairs(mt.__index) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
print(mt.__name, io.stdout.write == io.stderr.write, io.write("") == io.stdout, io.stdout:write() == io.stdout)
print(pcall(mt.__tostring, 1), pcall(mt.__gc, {}))
-- reading a directory through io.lines reports the error
print(pcall(function() for l in io.lines(".") do end end))
-- an iterator over a file closed early
local name = os.tmpname()
io.open(name, "w"):write("a\nb\n"):close()
local g = io.open(name)
local it = g:lines()
print(it())
g:close()
print(pcall(it))
print((pcall(io.lines, name, "x")))
print(pcall(function() for l in io.lines(name, "x") do end end))
os.remove(name)
