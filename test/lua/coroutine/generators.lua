-- producer/consumer and recursive generators
local function walk(t)
  return coroutine.wrap(function()
    local function rec(node)
      if type(node) == "table" then for _, v in ipairs(node) do rec(v) end
      else coroutine.yield(node) end
    end
    rec(t)
  end)
end
local out = {}
for leaf in walk({1, {2, {3, 4}}, {{5}}, 6}) do out[#out + 1] = leaf end
print(table.concat(out, ","))
local function perms(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      perms(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local count = 0
for p in coroutine.wrap(function() perms({1, 2, 3, 4}) end) do count = count + 1 end
print("permutations", count)
