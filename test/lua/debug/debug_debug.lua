-- debug.debug reads commands from stdin; the corpus runs with stdin from
-- /dev/null, so it prints its prompt "lua_debug> " to stderr and returns at EOF
print("before")
local r = table.pack(debug.debug())
print("returned", r.n)
print("after")
-- it can be called from inside a function too
local function f()
  debug.debug()
  return "f done"
end
print(f())
