-- upvalues stay alive after the enclosing function returns; closed per block
local function make()
  local fs = {}
  for i = 1, 2 do
    local shared = i * 10
    fs[#fs + 1] = function() shared = shared + 1; return shared end
    fs[#fs + 1] = function() return shared end
  end
  return fs
end
local fs = make()
print(fs[1](), fs[2](), fs[3](), fs[4]())
print(fs[1](), fs[2](), fs[4]())
local function outer()
  local x = 1
  local function mid()
    local function inner() x = x + 1; return x end
    return inner
  end
  return mid(), function() return x end
end
local inner, get = outer()
inner(); inner()
print(get())
