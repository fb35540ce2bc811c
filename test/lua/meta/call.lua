-- __call
local callable = setmetatable({name = "obj"}, {__call = function(self, a, b)
  return self.name, a, b
end})
print(callable(1, 2))
print(callable())
print(pcall(callable, "x"))
local nested = setmetatable({}, {__call = callable})
local r1, r2, r3 = nested("y")
print(r1, r2 == nested, r3)
local t = {f = callable}
print(t.f("z"))
print(select("#", callable(nil, nil)))
local counter = setmetatable({n = 0}, {__call = function(self) self.n = self.n + 1; return self.n end})
counter(); counter()
print(counter())
for v in setmetatable({}, {__call = function(_, _, i) i = (i or 0) + 1; if i <= 3 then return i end end}) do io.write(v, " ") end
print()
