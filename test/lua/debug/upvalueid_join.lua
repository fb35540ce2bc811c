-- upvalueid identifies shared variables; upvaluejoin rebinds an upvalue
local function counter()
  local n = 0
  local function inc() n = n + 1; return n end
  local function get() return n end
  return inc, get
end
local inc1, get1 = counter()
local inc2, get2 = counter()
print("same variable", debug.upvalueid(inc1, 1) == debug.upvalueid(get1, 1))
print("different closures", debug.upvalueid(inc1, 1) == debug.upvalueid(inc2, 1))
print("type", type(debug.upvalueid(inc1, 1)))

-- make get2 read inc1's variable
inc1(); inc1()
debug.upvaluejoin(get2, 1, inc1, 1)
print("joined", get2(), get1())
print("ids now equal", debug.upvalueid(get2, 1) == debug.upvalueid(inc1, 1))
inc1()
print("after inc1", get2(), get1())
inc2()
print("inc2 does not affect get2", get2(), debug.upvalueid(get2, 1) ~= debug.upvalueid(inc2, 1))

-- join two upvalues of different names
local x, y = "x", "y"
local function fx() return x end
local function fy() return y end
debug.upvaluejoin(fx, 1, fy, 1)
print("fx reads y", fx())
print("name kept", debug.getupvalue(fx, 1))
y = "y2"
print("fx follows y", fx())
x = "x2"
print("x no longer seen", fx())
-- the same closure with itself
local a, b = 1, 2
local function ab() return a, b end
debug.upvaluejoin(ab, 1, ab, 2)
print("self join", ab())

-- an upvalue's identity is a light userdata: no user values, no metatable of its own
local id = debug.upvalueid(function () return debug end, 1)
print("id type", type(id), pcall(debug.setuservalue, id, {}))
print("id getuservalue", debug.getuservalue(id))
