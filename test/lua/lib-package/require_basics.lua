-- require with package.path, loaded/preload semantics, loader data
package.path = "./data/?.lua;./data/?/init.lua"
package.cpath = "./data/?.so"
local a, file = require("mod_a")
print(a.name, a.file, file, require("mod_a") == a, select("#", require("mod_a")))
print(package.loaded.mod_a == a)
print(require("mod_nil"), loaded_nil_count, require("mod_nil"), loaded_nil_count, package.loaded.mod_nil)
print(require("mod_sets"), package.loaded.mod_sets)
print(require("sub"), require("sub.leaf"))
print(require("loop_a"))
package.preload.virtual = function(...) print("preload args", ...) return {v = 1} end
local v, extra = require("virtual")
print(v.v, extra)
package.loaded.virtual = nil
print(require("virtual") ~= v)
print(package.loaded._G == _G, package.loaded.string == string, package.loaded.package == package)
print(package.config == "/\n;\n?\n!\n-\n", type(package.searchers), #package.searchers)
print(pcall(require))
print(pcall(require, "bad_syntax"))
print(pcall(require, "raises"))
print(pcall(require, "no.such.mod"))
print(package.searchpath("a.b.c", "x/?.lua;?.x;?"))
print(package.searchpath("a.b", "x/?.lua", "", "_"))
print(package.searchpath("a.b", "x/?.lua", ".", "_"))
print(package.searchpath("mod_a", "./data/?.lua"))
print(package.searchpath("mod_a", ""))
print(pcall(package.searchpath, "x"))
print(package.loadlib("./data/fake.so", "luaopen_fake") == nil)
