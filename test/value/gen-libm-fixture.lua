-- Regenerates libm.fixture.txt from the reference interpreter (glibc libm):
--   lua5.4 test/value/gen-libm-fixture.lua > test/value/libm.fixture.txt
-- Each line: function <TAB> x (%a) [<TAB> y (%a)] <TAB> result (%a).
-- exp/log/log2/log10 are math.exp, math.log(x), math.log(x, 2), math.log(x, 10);
-- pow is x ^ y; atan2 is math.atan(y, x) (y first); the others are math.*.
math.randomseed(20241122)
local fmt = string.format
local function frombits(i) return (string.unpack('<d', string.pack('<i8', i))) end
local function r(lo, hi) return lo + (hi - lo) * math.random() end
local function anyfloat() -- random bit pattern, finite
  while true do
    local x = frombits(math.random(math.mininteger, math.maxinteger))
    if x == x and x ~= 1/0 and x ~= -1/0 then return x end
  end
end
local inf, nan = 1/0, 0/0
local out = {}
local function one(name, f, x) out[#out + 1] = fmt('%s\t%a\t%a', name, x, f(x)) end
local function two(x, y) out[#out + 1] = fmt('pow\t%a\t%a\t%a', x, y, x ^ y) end
local log2 = function(x) return math.log(x, 2) end
local log10 = function(x) return math.log(x, 10) end

-- exp
local expx = { 0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, 2^-54, -2^-54, 2^-53, -2^-53, 709.78, 709.782712893384,
  709.7827128933841, 709.79, 710, -708.39, -708.4, -709, -720, -740, -744.44, -745.1332191019411,
  -745.1332191019412, -745.2, -746, inf, -inf, nan, -nan, 5e-324, 0.5, 100 }
for _, x in ipairs(expx) do one('exp', math.exp, x) end
for _ = 1, 200 do one('exp', math.exp, r(-1, 1)) end
for _ = 1, 200 do one('exp', math.exp, r(-708, 709.7)) end
for _ = 1, 60 do one('exp', math.exp, r(-745.2, -708)) end -- subnormal results
for _ = 1, 60 do one('exp', math.exp, r(-1, 1) * 2.0^math.random(-60, -10)) end
-- log family
local logx = { 0.0, -0.0, 1.0, -1.0, 2.0, 10.0, 0.5, inf, -inf, nan, -nan, 5e-324, 2^-1022, 2^-1074 * 3,
  1.7976931348623157e308, 1 + 2^-52, 1 - 2^-53, 1e22, 1e23, 1000, 1e-5, 2^100, 2^-1050, 0.1, 3 }
for _, x in ipairs(logx) do one('log', math.log, x); one('log2', log2, x); one('log10', log10, x) end
for _, f in ipairs({ { 'log', math.log }, { 'log2', log2 }, { 'log10', log10 } }) do
  for _ = 1, 100 do one(f[1], f[2], r(0, 4)) end
  for _ = 1, 100 do one(f[1], f[2], math.abs(anyfloat())) end
  for _ = 1, 60 do one(f[1], f[2], 1 + r(-1, 1) * 2.0^math.random(-52, -5)) end
  for _ = 1, 20 do one(f[1], f[2], r(0, 1) * 2^-1022) end
end
for k = -5, 23 do one('log10', log10, 10.0^k) end
-- pow
local px = { 0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, inf, -inf, nan, 10.0, 3.0, 5e-324 }
local py = { 0.0, -0.0, 1.0, -1.0, 2.0, 3.0, -3.0, 0.5, -0.5, 1.5, inf, -inf, nan, 1e300, -1e300, 2^53 + 2 }
for _, x in ipairs(px) do for _, y in ipairs(py) do two(x, y) end end
two(557.210e-15, 2.25)
two(3.0, 34.0); two(10.0, 22.0); two(10.0, 23.0); two(10.0, -5.0); two(2.0, -1074.0); two(2.0, -1075.0)
two(2.0, 1023.5); two(2.0, 1024.0); two(10.0, 308.25); two(10.0, 308.3); two(10.0, -323.5); two(1 + 2^-52, 2^60)
for _ = 1, 400 do two(r(0, 10), r(-20, 20)) end
for _ = 1, 200 do two(r(0, 2), r(-200, 200)) end
for _ = 1, 150 do two(math.abs(anyfloat()), r(-2, 2)) end
for _ = 1, 150 do two(r(0, 1000), math.random(-64, 64) + 0.0) end
for _ = 1, 100 do two(-r(0, 100), math.random(-80, 80) + 0.0) end
for _ = 1, 100 do two(r(0.5, 2), r(1000, 2000) * (math.random(0, 1) * 2 - 1)) end -- near overflow/underflow
for _ = 1, 60 do two(r(1e-5, 1e-3), r(70, 110)) end -- subnormal results
for _ = 1, 60 do two(1 + r(-1, 1) * 2^-30, r(-1, 1) * 2^40) end
for _ = 1, 60 do local t = math.random(1, 3000); two(t * t + 0.0, r(0, 1) < 0.5 and 1.5 or -1.5) end
-- sin, cos, tan
local trigx = { 0.0, -0.0, inf, -inf, nan, 1e-300, -2^-30, 2^-27, 1.0, math.pi, math.pi / 2, -math.pi / 4, 1e22,
  1.7976931348623157e308, 2^20, 2^20 + 0.5, 5e-324 }
for _, f in ipairs({ { 'sin', math.sin }, { 'cos', math.cos }, { 'tan', math.tan } }) do
  for _, x in ipairs(trigx) do one(f[1], f[2], x) end
  for _, hi in ipairs({ 1, 10, 1e3, 1e6 }) do for _ = 1, 60 do one(f[1], f[2], r(-hi, hi)) end end
  for _ = 1, 20 do one(f[1], f[2], anyfloat()) end
  for _ = 1, 40 do one(f[1], f[2], math.random(-100000, 100000) * (math.pi / 2)) end -- near multiples of pi/2
end
-- asin, acos, atan, atan2
local arcx = { 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -2.0, inf, -inf, nan, 1e-300, 2^-27, -2^-56, 1 - 2^-53, -1 + 2^-53 }
for _, f in ipairs({ { 'asin', math.asin }, { 'acos', math.acos }, { 'atan', math.atan } }) do
  for _, x in ipairs(arcx) do one(f[1], f[2], x) end
  for _ = 1, 100 do one(f[1], f[2], r(-1, 1)) end
  for _ = 1, 30 do one(f[1], f[2], (math.random(0, 1) * 2 - 1) * (1 - r(0, 1) * 2.0^math.random(-52, -2))) end
  for _ = 1, 30 do one(f[1], f[2], r(-1, 1) * 2.0^math.random(-40, 40)) end
end
local function atan2(y, x) out[#out + 1] = fmt('atan2\t%a\t%a\t%a', y, x, math.atan(y, x)) end
local ax = { 0.0, -0.0, 1.0, -1.0, inf, -inf, nan, 1e-310, -1e300 }
for _, y in ipairs(ax) do for _, x in ipairs(ax) do atan2(y, x) end end
for _ = 1, 150 do atan2(r(-1, 1) * 2.0^math.random(-30, 30), r(-1, 1) * 2.0^math.random(-30, 30)) end
for _ = 1, 20 do atan2(anyfloat(), anyfloat()) end
print(table.concat(out, '\n'))
