-- full userdata (from the io library) as values
local u = io.stdout
print(type(u), u == io.stdout, u == io.stderr)
print(tostring(u):match("^file %(0x") ~= nil or tostring(u):match("^file %(") ~= nil)
local t = {[u] = "stdout"}
print(t[io.stdout])
print(getmetatable(u).__name, type(getmetatable(u).__index))
print(pcall(function() return u + 1 end))
print(pcall(function() return #u end))
print(pcall(function() return u < u end))
print(pcall(function() u.x = 1 end))
print(rawequal(u, io.stdout), pcall(rawlen, u))
