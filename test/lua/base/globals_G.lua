-- _G and _ENV
print(_G._G == _G, _ENV == _G, type(_G))
x_global = 1
print(_G.x_global, _ENV.x_global, rawget(_G, "x_global"))
_G.y_global = 2
print(y_global)
local names = {}
for _, k in ipairs{"assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs", "load",
  "loadfile", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "require",
  "select", "setmetatable", "tonumber", "tostring", "type", "warn", "xpcall", "_G", "_VERSION",
  "coroutine", "debug", "io", "math", "os", "package", "string", "table", "utf8"} do
  names[#names + 1] = k .. "=" .. type(_G[k])
end
print(table.concat(names, " "))
print(_G.unpack, _G.setfenv, _G.getfenv, _G.loadstring, _G.module)
do local _ENV = {print = print}; print(x_global, type) end
local function f() local _ENV <const> = {v = "inner"}; return v end
print(f())
