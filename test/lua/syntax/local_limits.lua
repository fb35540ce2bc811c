-- limits on locals and upvalues
local function try(label, src) local f, e = load(src, "=src"); print(label, e or "ok") end
local names = {}
for i = 1, 300 do names[i] = "v" .. i end
try("200 locals", "local " .. table.concat(names, ",", 1, 200))
try("201 locals", "local " .. table.concat(names, ",", 1, 201))
local lines = {}
for i = 1, 201 do lines[i] = "local " .. names[i] end
try("201 local statements", table.concat(lines, "\n"))
try("201 locals in function", "local function f()\n" .. table.concat(lines, "\n") .. "\nend")
try("200 params", "local function f(" .. table.concat(names, ",", 1, 200) .. ") end")
try("201 params", "local function f(" .. table.concat(names, ",", 1, 201) .. ") end")
-- 255 upvalues ok, 256 too many
local decl = "local " .. table.concat(names, ",", 1, 150) .. "\nlocal function outer()\nlocal "
  .. table.concat(names, ",", 151, 300) .. "\nreturn function() return "
try("255 upvalues", decl .. table.concat(names, "+", 1, 255) .. " end end")
try("256 upvalues", decl .. table.concat(names, "+", 1, 256) .. " end end")
