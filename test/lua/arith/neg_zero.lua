-- negative zero
local nz = -0.0
print(nz, 0.0, nz == 0.0, nz == 0, 1 / nz)
print(string.format("%q %q", nz, 0.0))
print(-0, math.type(-0), 0 * -1, 0.0 * -1)
print(-0.0 + 0.0, -0.0 - 0.0, -0.0 * 0.0)
print(math.abs(-0.0), -(-0.0), 0.0 // -1, -0.0 % 1)
print(tostring(-0.0), tostring(0/-1))
local t = {}
t[-0.0] = "negzero"
print(t[0], t[0.0], math.type(next(t)), next(t))
print(math.floor(-0.0), math.ceil(-0.5), math.type(math.ceil(-0.5)))
print(string.format("%.1f %g %d", -0.0, -0.0, 0))
