-- Regenerates numfmt.fixture.txt from the reference interpreter:
--   lua5.4 test/value/gen-numfmt-fixture.lua > test/value/numfmt.fixture.txt
-- Each line: format <TAB> little-endian hex bits of the double <TAB> string.format result.
math.randomseed(20240607)
local function bits(x) return (string.pack('<d', x):gsub('.', function(c) return string.format('%02x', c:byte()) end)) end
local function frombits(i) return (string.unpack('<d', string.pack('<i8', i))) end

local values = { 0.0, -0.0, 0.5, 1.5, 2.5, 9.5, 0.125, 0.1, 1/3, 2/3, 1e15, 1e16, 2^53, 2^63, 1e21, 1e22, 1e23,
  1e300, 5e-324, 2.5e-308, 2^-1022, 100000000000000.5, 123456.789, 0.000123456, 9.9999999999999e-5,
  999999.5, 0.95, 3.14159265358979, -2.75, 1/0, -1/0, 0/0, -(0/0) }
for _ = 1, 5 do
  local x = frombits(math.random(math.mininteger, math.maxinteger))
  if x == x then values[#values + 1] = x end
end
for _ = 1, 5 do values[#values + 1] = (math.random() - 0.5) * 10.0 ^ math.random(-12, 25) end

local formats = { '%.14g', '%.17g', '%.3f', '%.20f', '%.0e', '%#.3g', '%a', '%.2A', '%+12.4f',
  '%-12.3E|', '%010.2f', '% .5g' }
for _, v in ipairs(values) do
  for _, f in ipairs(formats) do
    print(f .. '\t' .. bits(v) .. '\t' .. string.format(f, v))
  end
end
-- exact long expansions, a few values only
for _, v in ipairs({ 0.1, 2^63, 1e300, 5e-324, 1/3 }) do
  print('%.99f\t' .. bits(v) .. '\t' .. string.format('%.99f', v))
  print('%.60e\t' .. bits(v) .. '\t' .. string.format('%.60e', v))
end
-- tostring
for _, v in ipairs(values) do print('tostring\t' .. bits(v) .. '\t' .. tostring(v)) end
