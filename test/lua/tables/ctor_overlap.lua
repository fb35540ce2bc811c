-- Table constructors whose [k] = v items name positions that the list part
-- then stores: the list wins, and no key may be visited twice by next.
local function dump(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = tostring(k) .. "=" .. tostring(t[k]) end
  return #keys .. ": " .. table.concat(out, " ")
end

local i, f = 2, 1.0
print(dump({ 1, 2.5, "x", a = 1, [i] = f }))
print(dump({ [1] = "h1", [2] = "h2", "l1" }))
print(dump({ [3] = "h", 1, 2, nil }))
print(dump({ [3] = "h", 1, 2 }))
print(dump({ [2] = "h", 1, nil, 3 }))
print(dump({ [i + 1] = "h", 1, 2, 3, 4 }))
print(dump({ [f] = "float key", "list" }))
print(dump({ [1.5] = "keep", 1, 2 }))

-- a long list flushed in several SETLIST batches, with overlapping keys
local parts = {}
for n = 1, 120 do parts[n] = tostring(n) end
local src = "return { [50] = 'h50', [51] = 'h51', [121] = 'h121', " .. table.concat(parts, ", ") .. " }"
local t = load(src)()
print(#t, t[50], t[51], t[120], t[121])
local count = 0
for _ in pairs(t) do count = count + 1 end
print(count)

-- next never loops and visits each key once
local seen = {}
for k in pairs({ 1, 2, 3, [2] = "two", [4] = "four", x = "x" }) do
  assert(not seen[k], "key visited twice: " .. tostring(k))
  seen[k] = true
end
print("ok")
