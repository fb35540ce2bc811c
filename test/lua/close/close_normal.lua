-- to-be-closed variables are closed at the end of their scope, in reverse order
local function res(name)
  return setmetatable({name = name}, {__close = function(self, err)
    print("close", self.name, err)
  end})
end
do
  local a <close> = res("a")
  local b <close> = res("b")
  local c <close> = res("c")
  print("in block")
end
print("after block")
local function f()
  local x <close> = res("x")
  print("in f")
end
f()
print("after f")
