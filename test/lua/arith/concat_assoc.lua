-- .. is right associative and binds looser than arithmetic
print(1 + 2 .. 3 + 4)
print("a" .. 2 * 3 .. "b")
print(2 ^ 2 .. "")
print("x" .. -1)
print(1 .. 2 == "12")
print("a" .. "b" == "ab", ("a" .. "b") < "b")
local mt = {__concat = function(a, b)
  local x = type(a) == "table" and a.v or a
  local y = type(b) == "table" and b.v or b
  return {v = "(" .. x .. "," .. y .. ")"}
end}
local A = setmetatable({v = "A"}, mt)
-- right associativity is visible through the metamethod (two operands per call)
print(("x" .. A).v, (A .. "y").v)
