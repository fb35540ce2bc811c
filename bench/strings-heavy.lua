-- strings-heavy: the string library under load (patterns, format, gsub with
-- string/table/function replacements, gmatch, concat, rep, byte/char, find).
-- Deterministic; prints one checksum line.
local N = tonumber(arg and arg[1]) or 26

local fmt, byte, char, rep, concat = string.format, string.byte, string.char, string.rep, table.concat

-- a deterministic pseudo-random generator (Park-Miller; products stay below 2^53)
local seed = 42
local function rnd(n)
  seed = (seed * 16807) % 2147483647
  return seed % n
end

local words = {}
for i = 1, 400 do
  local len = 3 + rnd(8)
  local t = {}
  for j = 1, len do t[j] = char(97 + rnd(26)) end
  words[i] = concat(t)
end

local function make_text(lines)
  local out = {}
  for i = 1, lines do
    local parts = {}
    for j = 1, 12 do parts[j] = words[1 + rnd(#words)] end
    out[i] = fmt("%05d %s=%d; %s (%s) [%.3f]", i, parts[1], rnd(100000), concat(parts, " ", 2, 10),
      parts[11], rnd(1000000) / 997)
  end
  return concat(out, "\n")
end

local sum = 0
local function add(x) sum = (sum * 31 + x) % 1000000007 end

local upper_tbl = setmetatable({}, { __index = function(t, k) local v = k:upper() t[k] = v return v end })

for round = 1, N do
  local text = make_text(1500)
  add(#text)
  -- gmatch over words and key=value pairs
  local n = 0
  for w in text:gmatch("%a+") do n = n + #w end
  add(n)
  for k, v in text:gmatch("(%a+)=(%d+)") do add(#k + tonumber(v) % 1000) end
  -- gsub: string, table and function replacements
  local s1, c1 = text:gsub("(%d+)%.(%d+)", "%2.%1")
  add(c1) add(#s1)
  local s2, c2 = text:gsub("%f[%a]%a%a%a%f[%A]", upper_tbl)
  add(c2) add(byte(s2, #s2 // 2))
  local s3 = text:gsub("%b()", function(p) return "<" .. #p .. ">" end)
  add(#s3)
  -- find/match per line
  for line in text:gmatch("[^\n]+") do
    local a, b = line:find("=", 1, true)
    local num = line:match("%[([%d%.]+)%]")
    add(a + #num)
    local id = tonumber(line:sub(1, 5))
    add(id % 97)
  end
  -- byte/char round trip and rep
  local bytes = { byte(text, 1, 4000) }
  for i = 1, #bytes do bytes[i] = (bytes[i] + round) % 256 end
  local enc = char(table.unpack(bytes))
  add(byte(enc, 100))
  local r = rep("ab", 5000, ",")
  add(#r + select(2, r:gsub(",", ",")))
  -- format-heavy
  local parts = {}
  for i = 1, 20000 do
    parts[i] = fmt("%d:%x:%5.2f:%s", i, i * 7, i / 3, words[i % #words + 1])
  end
  local joined = concat(parts, "|")
  add(#joined)
  add(select(2, joined:gsub("|", "")))
  -- lower/upper/reverse
  add(#text:upper():lower():reverse())
end

print(fmt("strings-heavy checksum %d", sum))
