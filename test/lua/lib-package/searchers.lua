-- custom searchers, and what require checks
package.path = "./data/?.lua"
package.cpath = ""
local saved = package.searchers
package.searchers = {
  function(name) return "\n\tfirst says no to " .. name end,
  function(name) return nil end,
  function(name) return 42 end,
  function(name) if name == "custom" then return function(n, d) return "custom:" .. n .. ":" .. d end, "data" end end,
}
print(require("custom"))
print(pcall(require, "other"))
package.searchers = nil
print(pcall(require, "other2"))
package.searchers = saved
package.path = 42
print(pcall(require, "other3"))
package.path = nil
print(pcall(require, "other4"))
package.path = "./data/?.lua"
print(require("mod_a").name)
package.loaded.mod_a = false
print(require("mod_a").name)
