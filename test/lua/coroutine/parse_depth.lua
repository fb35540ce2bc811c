-- the parser's nesting limit counts the host calls in progress, also inside coroutines
local function maxn()
  local lo, hi = 1, 400
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    if load("return " .. ("("):rep(mid) .. "1" .. (")"):rep(mid)) then lo = mid else hi = mid - 1 end
  end
  return lo
end
print("main", maxn())
local function nest(n, f) if n == 0 then return f() end return select(2, pcall(nest, n - 1, f)) end
print("pcall 50", nest(50, maxn))
print("co", coroutine.wrap(maxn)())
print("co in co", coroutine.wrap(function() return coroutine.wrap(maxn)() end)())
print("sort", (function() local r table.sort({1,2}, function(a,b) r = maxn() return a<b end) return r end)())
