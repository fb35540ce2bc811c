-- method calls and definitions
local obj = {name = "obj"}
function obj:get(suffix) return self.name .. (suffix or "") end
function obj.static(x) return x end
print(obj:get(), obj:get("!"), obj.get(obj, "?"), obj.static(5))
print(obj:get"-lit", obj:get[[-long]])
local s = "abc"
print(s:upper(), ("x"):rep(3), #s:rep(2))
local nested = {inner = {v = 1}}
function nested.inner:val() return self.v end
print(nested.inner:val())
local chain = {}
function chain:add(n) self.n = (self.n or 0) + n; return self end
print(chain:add(1):add(2):add(3).n)
print(pcall(function() local x = {} ; return x:missing() end))
