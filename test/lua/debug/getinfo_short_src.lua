-- short_src for different chunk names (LUA_IDSIZE is 60)
local function src(chunk, name)
  local f = assert(load(chunk, name))
  local t = debug.getinfo(f, "S")
  print(string.format("%-12s %q", t.what, t.short_src))
  print("  source", string.format("%q", t.source))
end

src("return 1", "=name")
src("return 1", "@file.lua")
src("return 1", "=")
src("return 1", "@")
src("return 1", "")
src("return 1")                                   -- defaults to the chunk text
src("return 1", "plain string chunk name")
src("return 1", "line one\nline two")
src("return 1", "\nstarts with newline")
src("return 1", "=" .. string.rep("x", 100))      -- '=' names are truncated
src("return 1", "@" .. string.rep("d/", 40) .. "file.lua")   -- '@' keeps the end
src("return 1", string.rep("s", 100))             -- string chunks get '...'
src("return 1", string.rep("s", 49))
src("return 1", string.rep("s", 45))
src("return 1", string.rep("s", 44))
src("return 1", "=" .. string.rep("y", 59))
src("return 1", "=" .. string.rep("y", 60))
src("return 1", "@" .. string.rep("z", 59))
src("return 1", "@" .. string.rep("z", 60))
-- the error message uses short_src too
print(pcall(load("error('e')", "=custom")))
print(pcall(load("error('e')", "a\nb")))
print(pcall(load("error('e')", "@" .. string.rep("p/", 40) .. "end.lua")))
-- a chunk loaded with no name shows its text
print(pcall(load("\n\nerror('third line')")))
