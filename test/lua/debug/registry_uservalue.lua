-- getregistry; getuservalue/setuservalue on full userdata and other values
local reg = debug.getregistry()
print("registry type", type(reg))
print("same table each time", debug.getregistry() == reg)
print("registry[2] is _G", reg[2] == _G)
print("registry[1] is the main thread", reg[1] == coroutine.running())
print("_LOADED is package.loaded", reg._LOADED == package.loaded)
print("FILE* metatable", type(reg["FILE*"]), reg["FILE*"] == getmetatable(io.stdout))

-- io.stdout is a full userdata with no user values
print("uservalue stdout", debug.getuservalue(io.stdout))
print("results", select("#", debug.getuservalue(io.stdout)))   -- no false after the nil
print("uservalue stdout 1", debug.getuservalue(io.stdout, 1))
print("uservalue stdout 2", debug.getuservalue(io.stdout, 2))
print("uservalue stdout 0", debug.getuservalue(io.stdout, 0))
print("setuservalue stdout", debug.setuservalue(io.stdout, "x"))
print("setuservalue stdout 2", debug.setuservalue(io.stdout, "x", 2))
print("setuservalue results", select("#", debug.setuservalue(io.stdout, "x")))

-- non-userdata values: getuservalue returns a single nil
for _, v in ipairs({ 1, "s", true, {} }) do
  print("getuservalue " .. type(v), select("#", debug.getuservalue(v)), debug.getuservalue(v),
        select("#", debug.getuservalue(v, 1)), select("#", debug.getuservalue(v, 5)))
end
print("getuservalue nil", select("#", debug.getuservalue(nil)), select("#", debug.getuservalue()))
-- setuservalue needs a full userdata
print(pcall(debug.setuservalue, {}, 1))
print(pcall(debug.setuservalue, 1, 1))
print(pcall(debug.setuservalue, io.stdout))
print(pcall(debug.getuservalue, io.stdout, "x"))
